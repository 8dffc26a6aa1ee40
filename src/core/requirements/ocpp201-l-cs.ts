import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 requirements the station-side (_CS) cases of block L (secure firmware update) check
 * beyond those the CSMS-side L cases registered (ocpp201-hl.ts). Our words; the numbering was
 * read from a secondary rendering of Part 2, not the primary text, hence inferred.
 */
export const OCPP201_L_CS = defineRequirements('OCPP201', [
  [
    'L01.FR.15',
    'MUST',
    'A station that must reboot to install downloaded firmware reports InstallRebooting with FirmwareStatusNotificationRequest before it reboots.',
    I,
  ],
]);
