import { defineCase, CaseInconclusive } from '../../../../src/dsl.js';
import type { Payload } from '../../../../src/dsl.js';

/** Schemes that give the file transfer a secure transport. */
const SECURE_SCHEMES = ['https:', 'ftps:'];
/** Query parameters that carry a password in clear (signed, expiring tokens are not flagged). */
const PASSWORD_PARAM = /^(pass|password|passwd|pwd|secret)$/i;

interface Probe {
  message: string;
  what: string;
  instruction: (stationId: string) => string;
  location: (p: Payload) => unknown;
  /** The requirement an insecure scheme deviates from. */
  schemeRequirement: string;
  reply: Payload;
}

const PROBES: Probe[] = [
  {
    message: 'UpdateFirmware',
    what: 'the firmware location',
    instruction: (id) => `Make the CSMS send UpdateFirmware to station ${id} (any firmware image of the operator's firmware store)`,
    location: (p) => p.firmware?.location,
    schemeRequirement: 'L01.FR.08',
    reply: { status: 'Rejected' },
  },
  {
    message: 'GetLog',
    what: 'the log upload location',
    instruction: (id) => `Make the CSMS request a diagnostics log (GetLog) from station ${id}`,
    location: (p) => p.log?.remoteLocation,
    schemeRequirement: 'SEC-ID-06',
    reply: { status: 'Rejected' },
  },
  {
    message: 'PublishFirmware',
    what: 'the firmware location to publish',
    instruction: (id) => `Make the CSMS send PublishFirmware to ${id} (as to a Local Controller), if it can`,
    location: (p) => p.location,
    schemeRequirement: 'L01.FR.08',
    reply: { status: 'Rejected' },
  },
];

export default defineCase(
  {
    id: 'SEC_ID_06_CSMS',
    title: 'File locations the CSMS sends carry no credentials',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'ID',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-ID-06',
    severity: 'high',
    cwe: 'CWE-522',
    requirements: ['SEC-ID-06', 'L01.FR.08'],
    purpose:
      "The URLs the CSMS hands to a station (UpdateFirmware and PublishFirmware locations, the GetLog upload location) reach whoever holds the station's session, an impostor included. They must not embed user:password@ credentials of the file server, and they should use a secure transport (https or ftps). Messages the CSMS cannot be made to send are skipped; with none, the case is inconclusive.",
    hint: 'Never put file-server credentials in a location URL: use short-lived signed URLs, or authenticate the station itself (client certificate, per-station tokens) at the file server, and serve files over https/ftps only.',
    fault: 'firmware-url-embeds-credentials',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    let inspected = 0;
    for (const probe of PROBES) {
      ctx.step(`The CSMS sends ${probe.message}: ${probe.what} has no user:password@ and uses https or ftps`);
      try {
        await ctx.manual('csmsSend', { message: probe.message, stationId: config.stationId }, probe.instruction(config.stationId));
      } catch (err) {
        if (!(err instanceof CaseInconclusive)) throw err;
        ctx.note(`${probe.message} could not be sent: ${err.reason}`);
        continue;
      }
      const call = await station.expectCall(probe.message, { requirement: 'SEC-ID-06' });
      await station.reply(call, probe.reply);
      inspected += 1;
      const location = String(probe.location(call.payload) ?? '');
      let url: URL;
      try {
        url = new URL(location);
      } catch {
        ctx.nonStrict(probe.schemeRequirement, `${probe.what} ${JSON.stringify(location.slice(0, 120))} is not an absolute URL`);
        continue;
      }
      const frame = JSON.stringify([2, call.messageId, probe.message, call.payload]);
      const shown = url.password ? frame.split(url.password).join('<password>') : frame;
      ctx.note(`${probe.message}: ${probe.what} is ${url.password ? location.split(url.password).join('<password>') : location}`);
      if (url.username || url.password) ctx.evidence(shown);
      ctx.check(
        !url.username && !url.password,
        'SEC-ID-06',
        `${probe.what} without user:password@ credentials`,
        `${url.protocol}//${url.username}${url.password ? ':<password>' : ''}@${url.host}…: the file server's credentials go to every session of the station`,
      );
      const secretParams = [...url.searchParams.keys()].filter((k) => PASSWORD_PARAM.test(k));
      if (secretParams.length)
        ctx.nonStrict(
          'SEC-ID-06',
          `${probe.what} carries a password in its query (${secretParams.join(', ')}); use an expiring signed URL instead`,
        );
      if (!SECURE_SCHEMES.includes(url.protocol))
        ctx.nonStrict(probe.schemeRequirement, `${probe.what} uses ${url.protocol.replace(/:$/, '')}, not https or ftps`);
    }
    if (inspected === 0) ctx.inconclusive('the CSMS could be made to send none of UpdateFirmware, GetLog and PublishFirmware');
  },
);
