/**
 * TxStartPoint extras of the independent 2.0.1 station: with DataSigned among its start points
 * its meter signs the Transaction.Begin reading (a fixed test signature, OCMF-encoded).
 */
import type { Payload } from './common.js';

export function signBegin(startPoints: string[], meterValue: Payload[]): Payload[] {
  if (!startPoints.includes('DataSigned')) return meterValue;
  return meterValue.map((mv) => ({
    ...mv,
    sampledValue: mv.sampledValue.map((v: Payload) => ({
      ...v,
      signedMeterValue: {
        signedMeterData: Buffer.from(`OCMF|{"RD":[{"RV":${String(v.value)}}]}`).toString('base64'),
        signingMethod: 'ECDSA-brainpool256r1-SHA256',
        encodingMethod: 'OCMF',
        publicKey: Buffer.from('judge-meter-public-key').toString('base64'),
      },
    })),
  }));
}
