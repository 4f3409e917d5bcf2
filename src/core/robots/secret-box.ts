import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

// Robot webhooks carry their own credential (WeCom's key, DingTalk's access token) and DingTalk's
// signing secret: anyone holding them can post into the school's group. They are stored sealed with
// AES-256-GCM, so a database dump or backup alone does not give them away.

const VERSION = 'v1';

/** Seals and opens short secrets with one 256-bit key (AES-256-GCM, a fresh 96-bit nonce each time). */
export class SecretBox {
  private readonly key: Buffer;

  /** `key`: 32 raw bytes, or a passphrase of at least 32 characters (stretched with scrypt). */
  constructor(key: Buffer | string) {
    this.key = typeof key === 'string' ? scryptSync(key, 'yanxiu-bot secret box', 32) : key;
    if (this.key.length !== 32) throw new Error('a secret box needs a 32-byte key');
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, nonce.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** Opens what `seal` made with the same key; throws when the key differs or the text was altered. */
  open(sealed: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== VERSION || !nonce || body === undefined || !tag) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
