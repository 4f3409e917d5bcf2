import { z } from 'zod';
import { defineCommand } from '../../../app/command.ts';
import { revokeCertificate } from '../certificates.ts';

export const revokeCertificateCommand = defineCommand({
  id: 'revokeCertificate',
  words: ['撤销证书', '作废证书'],
  slash: ['revoke'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest) => {
    const [serial = '', ...reason] = rest.split(/\s+/).filter(Boolean);
    return { serial, reason: reason.join(' ') };
  },
  args: z.object({ serial: z.string().min(1, { error: 'certificate.revokeUsage' }).max(40), reason: z.string().min(2, { error: 'certificate.revokeUsage' }).max(200) }),
  async run(ctx, { serial, reason }) {
    const { app, actor } = ctx;
    const done = await revokeCertificate(app, { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}`, grants: actor.grants }, serial, reason);
    await ctx.reply('certificate.revoked', { serial: done.serial, name: done.name, reason });
  },
});
