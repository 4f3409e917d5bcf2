import type { FastifyInstance } from 'fastify';

export interface DemoLine {
  from: string;
  text: string;
  private: boolean;
}

/**
 * A browser on the public /demo, through its real routes: `visit` opens /demo (a fresh browser
 * unless given its cookie; from 127.0.0.1 unless given an address), `say` posts to /demo/say, `feed` reads what /demo/feed shows a persona
 * on connecting (over a real port, up to the `ready` event; `gone` when the room went away).
 */
export function demoBrowser(web: FastifyInstance, base: string) {
  const visit = async (cookie?: string, remoteAddress?: string) => {
    const response = await web.inject({ method: 'GET', url: '/demo', remoteAddress, headers: cookie ? { cookie } : {} });
    if (response.statusCode !== 200) throw new Error(`GET /demo answered ${response.statusCode}`);
    const set = response.cookies.find((c) => c.name === 'yanxiu_demo');
    if (!set) throw new Error('no visitor cookie');
    return `yanxiu_demo=${set.value}`;
  };
  const say = async (cookie: string, as: string, text: string, privately = false) =>
    (await web.inject({ method: 'POST', url: '/demo/say', headers: { cookie }, payload: { as, text, private: privately } })).statusCode;
  const stream = async (cookie: string, as: string) => {
    const abort = new AbortController();
    const response = await fetch(`${base}/demo/feed?as=${as}`, { headers: { cookie }, signal: abort.signal });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: ready') && !text.includes('event: gone')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    return text;
  };
  const feed = async (cookie: string, as: string): Promise<DemoLine[]> =>
    (await stream(cookie, as))
      .split('\n\n')
      .filter((block) => block.startsWith('event: line'))
      .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as DemoLine);
  const gone = async (cookie: string) => (await stream(cookie, 'demo-1')).includes('event: gone');
  return { visit, say, feed, gone };
}
