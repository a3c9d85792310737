#!/usr/bin/env node
// Sends heartbeats with Node's built-in fetch (Node 18+), COUNT times, INTERVAL seconds apart.
//   node heartbeat.mjs PUSH_URL [COUNT=3] [INTERVAL=1]
// In a long-running service, call sendHeartbeat from setInterval instead of the bounded loop below.
const [pushUrl, count = '3', interval = '1'] = process.argv.slice(2);
if (!pushUrl) {
  console.error('usage: node heartbeat.mjs PUSH_URL [COUNT] [INTERVAL]');
  process.exit(2);
}

async function sendHeartbeat(url, msg) {
  try {
    const response = await fetch(`${url}?msg=${encodeURIComponent(msg)}`, {
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    }
    console.log('heartbeat sent');
    return true;
  } catch (error) {
    // Monitoring must not crash the service it watches: report and go on.
    console.error(`heartbeat failed: ${error.message}`);
    return false;
  }
}

let sent = 0;
for (let i = 1; i <= Number(count); i++) {
  if (await sendHeartbeat(pushUrl, `node-${i}`)) {
    sent++;
  }
  if (i < Number(count)) {
    await new Promise((resolve) => setTimeout(resolve, Number(interval) * 1000));
  }
}
process.exit(sent === Number(count) ? 0 : 1);
