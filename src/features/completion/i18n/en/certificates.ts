import type { MessageKey } from '../../../../i18n/index.ts';

export const certificates = {
  'certificate.hoursReady': '📄 Hours certificate for "{className}" ({total} hours), serial {serial}. The QR code on it opens its verification page.',
  'certificate.completionReady': '🎓 Completion certificate for "{className}", serial {serial}. The QR code on it opens its verification page.',
  'certificate.sentPrivately': 'Your certificate was sent to you privately.',
  'certificate.notYetCompleted': 'Completion certificates are issued once the class has ended; send 「证明」 for an hours certificate now.',
  'certificate.notCompleted': 'Under the completion rules you did not complete this class ({reasons}), so there is no completion certificate; send 「证明」 for an hours certificate. Please talk to your tutor if this seems wrong.',
  'certificate.noFont': 'Sorry, the server has no Chinese font yet, so certificates cannot be made. The reason is logged; please ask the administrator.',
  'certificate.badSeal': 'Sorry, the seal image for certificates is misconfigured, so certificates cannot be made. The reason is logged; please ask the administrator.',
  'certificate.notYourClass': 'You are not on the roster of "{name}"; please check the class name.',
  'certificate.revokeUsage': 'Write: 撤销证书 serial reason, e.g. 「撤销证书 YX-7K3M-… wrong details, reissued」.',
  'certificate.unknownSerial': 'No certificate has the serial "{serial}"; please check it.',
  'certificate.alreadyRevoked': 'Certificate {serial} was already revoked.',
  'certificate.revoked': 'Certificate {serial} ({name}) is revoked: {reason}. Its verification page now says so.',
  'registration.ready': '📋 Registration file for "{title}" ({count} rows). ID numbers are only in a county contact\'s file.',
  'registration.readyWithIds': '📋 Registration file for "{title}" ({count} rows, with ID numbers). Keep it safe; do not forward it to a group.',
  'registration.badMapping': 'Sorry, the registration mapping file is broken, so the file cannot be made. The reason is logged; please ask the administrator.',
} satisfies Partial<Record<MessageKey, string>>;
