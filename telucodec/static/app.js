// telucodec demo page: microphone or file -> AudioWorklet (16 kHz, 20 ms frames) -> WebSocket ->
// server (streaming encoder -> codes -> streaming decoder) -> WebSocket -> jitter buffer worklet -> speakers.
// Protocol: nbs/12_streaming.ipynb. No build step: plain ES2020.
'use strict';
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

// Everything a test (or a curious person in the console) may want to read.
window.stats = { state: 'idle', mode: null, sent: 0, recv: 0, rxSamples: 0, playedSec: 0, playedEnergy: 0,
                 underruns: 0, drops: 0, droppedSec: 0, error: null, ready: null, lat: {}, srv: {} };
window.rx = [];          // received Int16Array chunks
window.records = [];     // per message: {seq, k, tSend, tRecv, rtt, enc, dec, srvMs, e2e}
window.rxB64 = () => {   // all received samples as base64 int16-LE (fast to pull from Playwright)
  const all = new Int16Array(stats.rxSamples); let o = 0; for (const c of rx) { all.set(c, o); o += c.length; }
  const u = new Uint8Array(all.buffer); let s = '';
  for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode.apply(null, u.subarray(i, i + 0x8000));
  return btoa(s);
};

let S = null;            // the running session: {ctx, ws, cap, player, source, ...}
const KEEP = 500;        // latency statistics over the last KEEP frames

function pct(a, q) {
  if (!a.length) return NaN;
  const s = Float64Array.from(a).sort(); const i = (s.length - 1) * q / 100, lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
const fmt = (x, d = 1) => Number.isFinite(x) ? x.toFixed(d) : '-';
function setStatus(msg, err = false) { $('status').textContent = msg; $('status').className = err ? 'err' : ''; }

// ---------- code view: a scrolling canvas, one column per frame, one row per level ----------
const cv = $('codes'), g = cv.getContext('2d'), COL = 4;
function drawCodes(codes, nq, k, sizes) {      // codes: Uint16Array level-major [nq][k]
  const rows = sizes.length, rh = cv.height / rows;
  g.drawImage(cv, -COL * k, 0);
  for (let f = 0; f < k; f++) {
    const x = cv.width - COL * (k - f);
    for (let l = 0; l < rows; l++) {
      if (l < nq) {
        const c = codes[l * k + f], h = Math.round(360 * c / sizes[l]);
        g.fillStyle = `hsl(${h},75%,${45 + 10 * ((c >> 3) & 1)}%)`;
      } else g.fillStyle = '#15191e';
      g.fillRect(x, l * rh, COL, rh - 1);
    }
  }
}

// ---------- statistics shown on the page ----------
function refresh() {
  if (!S) return;
  const r = records.slice(-KEEP), e2e = r.filter((x) => x.e2e !== undefined).map((x) => x.e2e);
  const encdec = r.map((x) => (x.enc + x.dec) / x.k), rtt = r.map((x) => x.rtt);
  stats.lat = { p50: pct(e2e, 50), p95: pct(e2e, 95), n: e2e.length };
  stats.srv = { p50: pct(encdec, 50), p95: pct(encdec, 95) };
  $('lat').textContent = `${fmt(stats.lat.p50, 0)} / ${fmt(stats.lat.p95, 0)}`;
  $('lat2').textContent = `p50 / p95 ms; +${fmt(1000 * ((S.ctx.outputLatency || 0) + (S.ctx.baseLatency || 0)), 0)} ms device output`;
  $('srv').textContent = `${fmt(stats.srv.p50, 1)} ms`;
  $('srv2').textContent = `encode + decode p50; p95 ${fmt(stats.srv.p95, 1)} ms; rtt p50 ${fmt(pct(rtt, 50), 1)} ms`;
  const rd = stats.ready;
  if (rd) {
    const q = S.nq;
    $('rate').textContent = rd.passthrough ? '256 kbit/s' : `${(rd.bitrates[q - 1] / 1000).toFixed(2)} kbit/s`;
    $('rate2').textContent = rd.passthrough ? 'passthrough: raw PCM, no codec' : `${q} level${q > 1 ? 's' : ''}, ${rd.bitrates[q - 1] / 50} bits per frame`;
    $('nq').textContent = rd.passthrough ? '0' : q;
  }
  const comp = (f) => r.map(f).filter(Number.isFinite);
  const rows = [['capture buffer', comp((x) => 20 * x.k)], ['network + queue', comp((x) => x.rtt - x.enc - x.dec)],
                ['encode', comp((x) => x.enc)], ['decode', comp((x) => x.dec)],
                ['playback buffer + hops', comp((x) => x.e2e - 20 * x.k - x.rtt)], ['end to end', e2e]];
  $('breakdown').innerHTML = '<tr><th>per message (ms)</th><th>p50</th><th>p95</th></tr>' +
    rows.map(([n, a]) => `<tr><td>${n}</td><td>${fmt(pct(a, 50))}</td><td>${fmt(pct(a, 95))}</td></tr>`).join('') +
    `<tr><td>frames sent / received</td><td>${stats.sent}</td><td>${stats.recv}</td></tr>` +
    `<tr><td>underruns / drops</td><td>${stats.underruns}</td><td>${stats.drops}</td></tr>`;
}
setInterval(refresh, 250);

// ---------- the session ----------
async function start(mode, file) {
  if (S) finish(S, null);
  stats.state = 'starting'; stats.mode = mode; stats.error = null;
  setStatus(mode === 'mic' ? 'asking for the microphone...' : `decoding ${file.name}...`);
  try {
    const ctx = new AudioContext({ latencyHint: 'interactive' });
    await ctx.audioWorklet.addModule('worklet.js');
    let source, stream = null;
    if (mode === 'mic') {
      const dsp = $('dsp').checked || params.has('dsp');   // default: the raw microphone, as a codec test should hear it
      stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1,
        echoCancellation: dsp, noiseSuppression: dsp, autoGainControl: dsp } });
      source = ctx.createMediaStreamSource(stream);
    } else {
      const buf = await ctx.decodeAudioData(await file.arrayBuffer());
      source = ctx.createBufferSource(); source.buffer = buf;
    }
    const cap = new AudioWorkletNode(ctx, 'capture-16k', { numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit' });
    const jitter = +$('jitter').value;
    const player = new AudioWorkletNode(ctx, 'player-16k', { numberOfInputs: 0, outputChannelCount: [1],
      processorOptions: { target: 16 * jitter, maxExtra: 16 * 200 } });
    player.connect(ctx.destination);
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    ws.binaryType = 'arraybuffer';
    S = { ctx, ws, cap, player, source, stream, nq: +$('levels').value, frameMs: +$('frame').value,
          pending: [], seq: 0, sent: new Map(), queued: 0, playerLast: -1, stopping: false };
    const ready = await new Promise((ok, bad) => {
      ws.onmessage = (e) => { const m = JSON.parse(e.data); m.type === 'ready' ? ok(m) : bad(new Error(`${m.code}: ${m.message}`)); };
      ws.onerror = () => bad(new Error('WebSocket connection failed'));
      ws.onclose = (e) => bad(new Error(`WebSocket closed (${e.code}) before the server was ready`));
    });
    stats.ready = ready;
    $('model').textContent = ready.passthrough ? 'server in passthrough mode (no codec)'
      : `model: ${ready.model.channels}-channel encoder, ${ready.model.hidden}-d transformer, codebooks ${ready.codebook_sizes.join('/')}; session ${ready.session}`;
    sendConfig();
    ws.onmessage = onMessage;
    ws.onclose = (e) => { if (S && S.ws === ws) { const s = S; stats.state = 'closed'; if (!stats.error) setStatus(`connection closed (${e.code} ${e.reason || ''})`, e.code !== 1000); finish(s, null); } };
    ws.onerror = null;
    cap.port.onmessage = onCapture;
    player.port.onmessage = onPlayer;
    source.connect(cap);
    if (mode === 'file') { source.onended = () => setTimeout(() => { if (S && S.source === source) stop();  }, 1000); source.start(); }
    stats.state = 'running';
    $('mic').disabled = true; $('stop').disabled = false;
    setStatus(`${mode === 'mic' ? 'microphone' : file.name}: streaming through the codec (${ctx.sampleRate} Hz capture -> 16 kHz)`);
  } catch (e) {
    stats.state = 'error'; stats.error = String(e && (e.message || e)); setStatus(stats.error, true); if (S) finish(S, null);
  }
}

function sendConfig() {
  if (!S || S.ws.readyState !== 1) return;
  S.ws.send(JSON.stringify({ type: 'config', frame_ms: S.frameMs, n_q: S.nq }));
}

function onCapture(e) {                  // a 20 ms frame from the capture worklet
  const s = S; if (!s || s.ws.readyState !== 1) return;
  s.pending.push(e.data);
  const k = s.frameMs / 20;
  while (s.pending.length >= k) {
    const group = s.pending.splice(0, k), n = 320 * k;
    const buf = new ArrayBuffer(12 + 2 * n), dv = new DataView(buf);
    dv.setUint32(0, s.seq >>> 0, true); dv.setFloat64(4, group[0].t0 * 1000, true);   // stamp: capture time (ms, context clock)
    const pcm = new Int16Array(buf, 12, n); group.forEach((f, i) => pcm.set(f.pcm, 320 * i));
    s.sent.set(s.seq, performance.now());
    s.ws.send(buf); s.seq++; stats.sent++;
  }
}

function onMessage(e) {
  const s = S; if (!s) return;
  if (typeof e.data === 'string') {
    const m = JSON.parse(e.data);
    if (m.type === 'error') { stats.error = `${m.code}: ${m.message}`; setStatus(`server: ${stats.error}`, true); }
    return;
  }
  const now = performance.now(), dv = new DataView(e.data);
  const seq = dv.getUint32(0, true), stamp = dv.getFloat64(4, true), enc = dv.getFloat32(12, true),
        dec = dv.getFloat32(16, true), srvMs = dv.getFloat32(20, true), nq = dv.getUint8(24), k = dv.getUint8(25);
  const codes = new Uint16Array(e.data.slice(28, 28 + 2 * nq * k));
  const pcm = new Int16Array(e.data, 28 + 2 * nq * k, 320 * k);
  const t = s.sent.get(seq); s.sent.delete(seq);
  records.push({ seq, k, rtt: now - t, enc, dec, srvMs });
  if (records.length > 20000) records.splice(0, 10000);
  stats.recv++; rx.push(pcm); stats.rxSamples += pcm.length;
  s.player.port.postMessage({ pcm, seq, t0: stamp / 1000 });
  if (stats.ready) drawCodes(codes, nq, k, stats.ready.codebook_sizes);
}

function onPlayer(e) {                   // reports from the jitter buffer, every ~100 ms
  const d = e.data;
  stats.playedSec += d.played / d.rate; stats.playedEnergy += d.energy;
  stats.underruns += d.underruns; stats.drops += d.drops; stats.droppedSec += d.dropped / 16000;
  if (S) { S.queued = d.queued; S.playerLast = d.lastSeq; }
  if (d.lat.length) {
    const bySeq = new Map(d.lat);
    for (let i = records.length - 1; i >= 0 && bySeq.size; i--) {
      const r = records[i];
      if (bySeq.has(r.seq)) { r.e2e = 1000 * bySeq.get(r.seq); bySeq.delete(r.seq); }
    }
  }
}

// Stop: capture stops at once; frames already sent are still answered and played (drained), then
// the connection closes. A second press (or a closed connection) ends everything immediately.
function stop(quiet) {
  const s = S;
  if (!s) return;
  if (!s.stopping && s.ws.readyState === 1 && !quiet) {
    s.stopping = true; stats.state = 'draining'; setStatus('stopping: waiting for the frames in flight...');
    try { s.source.disconnect(); if (s.source.stop) s.source.stop(); } catch (e) {}
    if (s.stream) s.stream.getTracks().forEach((t) => t.stop());
    s.cap.port.postMessage({ on: false }); s.player.port.postMessage({ drain: true });
    const t0 = performance.now();
    s.drain = setInterval(() => {
      const done = stats.recv >= stats.sent && s.playerLast === s.seq - 1 && s.queued <= 0;
      if (done || performance.now() - t0 > 120000 || S !== s) { clearInterval(s.drain); if (S === s) finish(s, done ? 'stopped' : 'stopped (drain timeout)'); }
    }, 50);
    $('stop').disabled = true;
    return;
  }
  finish(s, quiet ? null : 'stopped');
}

function finish(s, msg) {
  if (S === s) S = null;
  if (s.drain) clearInterval(s.drain);
  try { s.source.disconnect(); if (s.source.stop) s.source.stop(); } catch (e) {}
  if (s.stream) s.stream.getTracks().forEach((t) => t.stop());
  try { if (s.ws.readyState <= 1) s.ws.close(1000); } catch (e) {}
  setTimeout(() => s.ctx.close(), 400);
  if (stats.state === 'running' || stats.state === 'draining') stats.state = 'stopped';
  $('mic').disabled = false; $('stop').disabled = true;
  if (msg) setStatus(msg);
}

$('mic').onclick = () => start('mic');
$('stop').onclick = () => stop();
$('file').onchange = (e) => { if (e.target.files[0]) start('file', e.target.files[0]); };
$('levels').oninput = (e) => { $('levelsv').textContent = e.target.value; if (S) { S.nq = +e.target.value; sendConfig(); } };
$('frame').onchange = (e) => { if (S) { S.frameMs = +e.target.value; sendConfig(); } };
$('jitter').onchange = (e) => { if (S) S.player.port.postMessage({ target: 16 * +e.target.value }); };
for (const [k, id] of [['levels', 'levels'], ['frame', 'frame'], ['jitter', 'jitter']])
  if (params.has(k)) { $(id).value = params.get(k); if (id === 'levels') $('levelsv').textContent = params.get(k); }
if (location.hash === '#auto') start('mic');
