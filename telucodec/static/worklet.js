// telucodec demo: the two audio-thread processors (AudioWorklet).
//
// 'capture-16k'  microphone (or file) at the context rate -> 16 kHz int16 frames of 320 samples (20 ms).
//                Anti-alias low-pass FIR (windowed sinc, 7.2 kHz) at the input rate, then linear
//                interpolation at the 16 kHz output instants. Each frame carries `t0`: the context
//                time (s) at which its first sample entered the worklet, minus the filter's delay.
// 'player-16k'   a jitter buffer: 16 kHz chunks in, resampled to the context rate, played
//                continuously. It starts (and restarts after an underrun) once `target` samples are
//                queued, drops the oldest chunks if the queue grows past `target + maxExtra`, and
//                reports for every chunk the context time its first sample was played, so the page
//                knows the capture-to-playback latency of each frame exactly.

function lowpassTaps(n, fc) {           // fc: cutoff as a fraction of the sample rate
  const h = new Float32Array(n), m = (n - 1) / 2; let s = 0;
  for (let i = 0; i < n; i++) {
    const x = i - m, sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
    const w = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (n - 1));  // Blackman
    h[i] = sinc * w; s += h[i];
  }
  for (let i = 0; i < n; i++) h[i] /= s;
  return h;
}

class Capture16k extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / 16000;              // input samples per output sample
    this.taps = this.step > 1.0001 ? lowpassTaps(64, 7200 / sampleRate) : null;
    const L = this.taps ? this.taps.length : 1;
    this.ring = new Float32Array(L); this.ri = 0;  // last L input samples (for the FIR)
    this.delay = this.taps ? (L - 1) / 2 / sampleRate : 0;
    this.pos = 0;                                // next output instant, in input samples from the block start
    this.prev = 0;                               // last filtered sample of the previous block (index -1)
    this.buf = new Int16Array(320); this.n = 0; this.t0 = 0;
    this.on = true;
    this.port.onmessage = (e) => { if ('on' in e.data) this.on = e.data.on; };
  }
  filt(x) {                                      // push one input sample, return one filtered sample
    if (!this.taps) return x;
    const L = this.taps.length; this.ring[this.ri] = x; this.ri = (this.ri + 1) % L;
    let y = 0, j = this.ri;
    for (let i = 0; i < L; i++) { y += this.taps[i] * this.ring[j]; j = (j + 1) % L; }
    return y;
  }
  process(inputs) {
    const x = inputs[0] && inputs[0][0];
    if (!x || !this.on) return true;
    const f = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) f[i] = this.filt(x[i]);
    for (; this.pos < x.length - 1 + 1e-9; this.pos += this.step) {
      const i = Math.floor(this.pos), fr = this.pos - i;
      const a = i < 0 ? this.prev : f[i], b = f[Math.min(i + 1, x.length - 1)];
      const s = Math.max(-1, Math.min(1, a + (b - a) * fr));
      if (this.n === 0) this.t0 = currentTime + this.pos / sampleRate - this.delay;
      this.buf[this.n++] = Math.round(s * 32767);
      if (this.n === 320) {
        this.port.postMessage({ pcm: this.buf, t0: this.t0 }, [this.buf.buffer]);
        this.buf = new Int16Array(320); this.n = 0;
      }
    }
    this.pos -= x.length; this.prev = f[x.length - 1];
    return true;
  }
}

class Player16k extends AudioWorkletProcessor {
  constructor(opts) {
    super();
    const o = (opts && opts.processorOptions) || {};
    this.target = o.target || 640;               // samples at 16 kHz to queue before (re)starting
    this.maxExtra = o.maxExtra || 3200;          // queue beyond target + maxExtra is dropped (latency cap)
    this.step = 16000 / sampleRate;              // 16 kHz samples per output sample
    this.q = []; this.queued = 0;                // chunks {pcm Float32Array, seq, t0, started}
    this.pos = 0;                                // read position (16 kHz samples) in q[0]
    this.playing = false; this.draining = false; this.lastSeq = -1;
    this.rep = { lat: [], played: 0, energy: 0, underruns: 0, drops: 0, dropped: 0 };
    this.lastReport = 0;
    this.port.onmessage = (e) => {
      const d = e.data;
      if (d.pcm) {
        const f = new Float32Array(d.pcm.length);
        for (let i = 0; i < f.length; i++) f[i] = d.pcm[i] / 32768;
        this.q.push({ pcm: f, seq: d.seq, t0: d.t0, started: false }); this.queued += f.length; this.lastSeq = d.seq;
        while (this.queued - this.pos > this.target + this.maxExtra && this.q.length > 1) {
          const c = this.q.shift(); this.queued -= c.pcm.length; this.rep.dropped += c.pcm.length - this.pos; this.pos = 0; this.rep.drops++;
        }
      } else if (d.target) { this.target = d.target; }
      else if (d.drain) { this.draining = true; }
      else if (d.flush) { this.q = []; this.queued = 0; this.pos = 0; this.playing = false; }
    };
  }
  sample(k) {                                    // 16 kHz sample k (relative to q[0] start), held at the end
    let c = 0;
    while (c < this.q.length && k >= this.q[c].pcm.length) { k -= this.q[c].pcm.length; c++; }
    if (c >= this.q.length) { const l = this.q[this.q.length - 1]; return l ? l.pcm[l.pcm.length - 1] : 0; }
    return this.q[c].pcm[k];
  }
  process(_, outputs) {
    const y = outputs[0][0];
    if (!this.playing && (this.queued - this.pos >= this.target || (this.draining && this.queued > 0))) this.playing = true;
    for (let i = 0; i < y.length; i++) {
      if (!this.playing || this.q.length === 0) { y[i] = 0; continue; }
      const h = this.q[0];
      if (!h.started) { h.started = true; this.rep.lat.push([h.seq, currentTime + i / sampleRate - h.t0]); }
      const k = Math.floor(this.pos), fr = this.pos - k;
      const a = h.pcm[k], b = this.sample(k + 1), v = a + (b - a) * fr;
      y[i] = v; this.rep.played++; this.rep.energy += v * v;
      this.pos += this.step;
      while (this.q.length && this.pos >= this.q[0].pcm.length) {
        this.pos -= this.q[0].pcm.length; this.queued -= this.q[0].pcm.length; this.q.shift();
      }
      if (this.q.length === 0) { this.playing = false; this.pos = 0; this.rep.underruns++; }
    }
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(y);
    if (currentTime - this.lastReport > 0.1) {
      this.rep.queued = this.queued - this.pos; this.rep.rate = sampleRate; this.rep.lastSeq = this.lastSeq;
      this.port.postMessage(this.rep);
      this.rep = { lat: [], played: 0, energy: 0, underruns: 0, drops: 0, dropped: 0 };
      this.lastReport = currentTime;
    }
    return true;
  }
}

registerProcessor('capture-16k', Capture16k);
registerProcessor('player-16k', Player16k);
