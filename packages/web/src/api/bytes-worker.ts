// A dedicated worker that fetches a large answer and hands its bytes to the page (transferred, not
// copied): the body is read off the page's main thread, so a page rendering at the same time
// (the war chart's, mounted by the same click) does not hold up its arrival. See fetch-bytes.ts.

export type BytesAsk = { id: number; url: string; headers: Record<string, string> };
export type BytesAnswer =
  | { id: number; network: true }
  | {
      id: number;
      network?: false;
      status: number;
      statusText: string;
      /** The body when the answer is a success, else undefined (`text` holds the error's body). */
      buffer?: ArrayBuffer;
      text?: string;
      /** When the request went out and its last byte came (ms since the epoch), and its size. */
      timing?: { start: number; end: number; bytes: number };
    };

const post = (answer: BytesAnswer, transfer: Transferable[] = []) => postMessage(answer, { transfer });

addEventListener('message', (event: MessageEvent<BytesAsk>) => {
  const { id, url, headers } = event.data;
  void (async () => {
    let res: Response;
    try {
      res = await fetch(url, { headers, credentials: 'same-origin' });
    } catch {
      post({ id, network: true });
      return;
    }
    if (!res.ok) {
      post({ id, status: res.status, statusText: res.statusText, text: await res.text() });
      return;
    }
    const buffer = await res.arrayBuffer();
    const entry = performance
      .getEntriesByType('resource')
      .findLast((e): e is PerformanceResourceTiming => e.name === res.url);
    performance.clearResourceTimings();
    const timing = entry && {
      start: performance.timeOrigin + entry.startTime,
      end: performance.timeOrigin + entry.responseEnd,
      bytes: entry.encodedBodySize || entry.transferSize,
    };
    post({ id, status: res.status, statusText: res.statusText, buffer, timing }, [buffer]);
  })();
});
