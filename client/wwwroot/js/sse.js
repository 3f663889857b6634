// A server-sent-events reader over a fetch body, for POST streams (EventSource can only GET).

/** Reads `text/event-stream` from `body` and calls onEvent({event, data}) for each event; resolves at the end.
 *  An exception thrown by onEvent stops reading, cancels the body and rejects. */
export async function readEventStream(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      // Events end with a blank line; CRLF and LF are both allowed by the format.
      while ((end = /\r?\n\r?\n/.exec(buffer)) !== null) {
        const event = parseBlock(buffer.slice(0, end.index));
        buffer = buffer.slice(end.index + end[0].length);
        if (event) onEvent(event);
      }
    }
    const last = parseBlock(buffer);
    if (last) onEvent(last);
  } catch (e) {
    reader.cancel().catch(() => {});
    throw e;
  }
}

function parseBlock(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : null;
}
