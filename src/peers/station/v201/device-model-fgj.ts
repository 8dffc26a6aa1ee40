/** One device-model variable (the shape of DeviceModel201's VariableDef, without importing it: no cycle). */
interface MeterVariable {
  component: string;
  variable: string;
  mutability: 'ReadWrite';
  kind: 'boolean' | 'integer' | 'memberList';
  value: string;
  allowed?: string[];
}

/** Meter value variables of blocks J (signed readings, clock-aligned readings in TransactionEvent Ended). */
export function meterDefaults(): MeterVariable[] {
  const rw = 'ReadWrite' as const;
  return [
    { component: 'AlignedDataCtrlr', variable: 'SignReadings', mutability: rw, kind: 'boolean', value: 'false' },
    { component: 'SampledDataCtrlr', variable: 'SignReadings', mutability: rw, kind: 'boolean', value: 'false' },
    // 0: TransactionEvent Ended carries no clock-aligned readings (J01).
    { component: 'AlignedDataCtrlr', variable: 'TxEndedInterval', mutability: rw, kind: 'integer', value: '0' },
    {
      component: 'AlignedDataCtrlr',
      variable: 'TxEndedMeasurands',
      mutability: rw,
      kind: 'memberList',
      value: 'Energy.Active.Import.Register',
      allowed: ['Energy.Active.Import.Register', 'Power.Active.Import'],
    },
  ];
}
