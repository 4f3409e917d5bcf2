import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from '../../logger.ts';

// Certificates are Chinese, and no npm package ships a usable Simplified-Chinese TTF/OTF (the
// @fontsource ones are woff slices that pdfkit embeds slowly or hugely). Debian's fonts-noto-cjk does
// (SIL OFL): like redis-server, the bot installs it on first need when it may (root with apt-get).

export interface CjkFont {
  path: string;
  /** The face inside a collection (.ttc); undefined for a single-face file. */
  face: string | undefined;
}

const DEBIAN_PACKAGE = 'fonts-noto-cjk';
const CANDIDATES: CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
];

const faceFor = (path: string): CjkFont => ({ path, face: /\.ttc$/i.test(path) ? (CANDIDATES.find((c) => c.path.endsWith(path.split('/').at(-1)!))?.face ?? 'NotoSansCJKsc-Regular') : undefined });

function installDebianFont(log: Logger): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  log.info(`installing ${DEBIAN_PACKAGE} from Debian for certificates (first use)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', DEBIAN_PACKAGE], { stdio: 'ignore', env });
  return Boolean(install && install.status === 0);
}

let installed: Promise<CjkFont | undefined> | undefined;

/**
 * The font certificates are set in: FONT_PATH when given (it must exist), else a Noto Sans CJK SC or
 * WenQuanYi face on this machine, else Debian's package installed now (once per process) when we
 * may. Undefined when none can be had; the caller tells the user, and the log says what to install.
 */
export async function cjkFont(fontPath: string | undefined, log: Logger): Promise<CjkFont | undefined> {
  if (fontPath) {
    if (existsSync(fontPath)) return faceFor(fontPath);
    log.error('FONT_PATH does not exist; certificates cannot be made', { fontPath });
    return undefined;
  }
  const found = CANDIDATES.find((c) => existsSync(c.path));
  if (found) return found;
  installed ??= Promise.resolve().then(() => (installDebianFont(log) ? CANDIDATES.find((c) => existsSync(c.path)) : undefined));
  const font = await installed;
  if (!font) {
    installed = undefined;
    log.error(`no Chinese font for certificates: install Debian's ${DEBIAN_PACKAGE} (apt-get install ${DEBIAN_PACKAGE}) or set FONT_PATH to a .ttf/.otf/.ttc with Simplified Chinese`);
  }
  return font;
}
