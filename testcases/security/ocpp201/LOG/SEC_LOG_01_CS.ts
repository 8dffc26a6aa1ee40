import { defineCase } from '../../../../src/dsl.js';
import { acceptFreshBoot } from '../../../../src/kit/index.js';

const BOOT_EVENTS = ['StartupOfTheDevice', 'ResetOrReboot'];

export default defineCase(
  {
    id: 'SEC_LOG_01_CS',
    title: 'Security event after power-up and after a reset',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-01',
    severity: 'medium',
    cwe: 'CWE-778',
    requirements: ['A04.FR.01', 'B01.FR.01'],
    purpose:
      'A start of the device and a reset are critical security events: after registering, the station reports StartupOfTheDevice or ResetOrReboot with SecurityEventNotification, after a power-up and again after a reset requested by the CSMS.',
    hint: 'Raise StartupOfTheDevice (power-up) or ResetOrReboot (reset) at every boot and push it with SecurityEventNotification once the CSMS accepted the boot.',
    fault: 'no-security-event-at-boot',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    ctx.step('The station powers up and registers');
    const boot = await acceptFreshBoot(ctx, 'B01.FR.01');

    ctx.step('The station reports StartupOfTheDevice or ResetOrReboot');
    const first = await csms.expectCall('SecurityEventNotification', {
      where: (p) => BOOT_EVENTS.includes(p.type),
      whereText: 'type StartupOfTheDevice or ResetOrReboot',
      after: boot,
      requirement: 'A04.FR.01',
    });
    ctx.note(`after power-up: ${first.payload.type} at ${first.payload.timestamp}`);

    ctx.step('The harness resets the station; it registers again');
    const reset = await csms.call('Reset', { type: 'Immediate' }, { requirement: 'B01.FR.01' });
    ctx.expectOneOf(reset.status, ['Accepted'], 'B01.FR.01', 'Reset status');
    const boot2 = await csms.expectCall('BootNotification', {
      after: boot,
      within: config.timeouts.connectMs + config.timeouts.messageMs,
      requirement: 'B01.FR.01',
    });
    await csms.reply(boot2, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    ctx.evidence(JSON.stringify([2, boot2.messageId, 'BootNotification', boot2.payload]));

    ctx.step('The station reports the reset as a security event');
    const second = await csms.expectCall('SecurityEventNotification', {
      where: (p) => BOOT_EVENTS.includes(p.type),
      whereText: 'type ResetOrReboot or StartupOfTheDevice',
      after: boot2,
      requirement: 'A04.FR.01',
    });
    ctx.note(`after the reset: ${second.payload.type} at ${second.payload.timestamp}`);
  },
);
