// FLAM serve UI: upload a file with queries to api/detect, draw the probabilities as a heat map
// (one row per query, time left to right) with the events as bars, list the events and offer
// them as DCASE TSV (filename onset offset event_label). No dependencies.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var form = $('form'), fileInput = $('file'), drop = $('drop'), status = $('status');
  var chosen = null, last = null;

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = 'status' + (isError ? ' error' : '');
  }

  function choose(file) {
    chosen = file || null;
    $('file-name').textContent = chosen ? chosen.name + ' (' + Math.round(chosen.size / 1024) + ' KB)' : 'no file chosen';
  }

  fileInput.addEventListener('change', function () { choose(fileInput.files[0]); });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { choose(e.dataTransfer.files[0]); }
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!chosen) { setStatus('Choose or drop an audio file first.', true); return; }
    var queries = $('queries').value.split(/\r?\n/).map(function (q) { return q.trim(); })
      .filter(function (q) { return q.length > 0; });
    if (!queries.length) { setStatus('Type at least one query.', true); return; }
    var data = new FormData();
    queries.forEach(function (q) { data.append('query', q); });
    var threshold = $('threshold').value;
    if (threshold !== '') { data.append('threshold', threshold); }
    data.append('audio', chosen, chosen.name);
    $('detect').disabled = true;
    setStatus('Detecting in ' + chosen.name + ' ...', false);
    var started = Date.now();
    fetch('api/detect', { method: 'POST', body: data })
      .then(function (r) {
        return r.text().then(function (text) {
          var json;
          try { json = JSON.parse(text); } catch (x) { json = { message: text || r.statusText }; }
          if (!r.ok) { throw new Error((json.message || r.statusText) + ' (HTTP ' + r.status + ')'); }
          return json;
        });
      })
      .then(function (result) {
        last = result;
        show(result);
        setStatus(result.events.length + ' event(s) in ' + result.file + ', ' + result.durationSeconds + ' s, ' +
          result.frameCount + ' frames at ' + result.framesPerSecond + ' fps (' + (Date.now() - started) + ' ms).', false);
        $('download').disabled = false;
      })
      .catch(function (err) { setStatus(err.message, true); })
      .then(function () { $('detect').disabled = false; });
  });

  $('download').addEventListener('click', function () {
    if (!last) { return; }
    var blob = new Blob([tsv(last)], { type: 'text/tab-separated-values' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = last.file.replace(/\.[^.]*$/, '') + '.detections.tsv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });

  function tsv(result) {
    var lines = ['filename\tonset\toffset\tevent_label'];
    result.events.forEach(function (e) { lines.push([result.file, e.onset, e.offset, e.query].join('\t')); });
    return lines.join('\n') + '\n';
  }

  function show(result) {
    $('result').hidden = false;
    $('result-title').textContent = 'Timeline of ' + result.file;
    draw(result);
    var body = $('events').tBodies[0];
    body.innerHTML = '';
    result.events.forEach(function (e) {
      var tr = document.createElement('tr');
      tr.className = 'event-row';
      [e.query, e.onset.toFixed(2), e.offset.toFixed(2), (e.offset - e.onset).toFixed(2)].forEach(function (v, i) {
        var td = document.createElement('td');
        td.textContent = v;
        if (i > 0) { td.className = 'num'; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    if (!result.events.length) {
      body.innerHTML = '<tr><td colspan="4">no events above the threshold</td></tr>';
    }
  }

  // Viridis-like colour ramp for probabilities in [0, 1].
  function colour(p) {
    var stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    var x = Math.max(0, Math.min(1, p)) * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x)), t = x - i;
    var c = stops[i].map(function (v, j) { return Math.round(v + (stops[i + 1][j] - v) * t); });
    return 'rgb(' + c.join(',') + ')';
  }

  function draw(result) {
    var canvas = $('timeline'), ctx = canvas.getContext('2d');
    var label = 160, axis = 24, rowH = 36, pad = 6;
    var k = result.queries.length, frames = result.frameCount, fps = result.framesPerSecond;
    canvas.height = k * rowH + axis + pad;
    var w = canvas.width - label - pad, duration = Math.max(frames / fps, result.durationSeconds || 0) || 1;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.font = '13px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (var q = 0; q < k; q++) {
      var y = q * rowH, row = result.probabilities[q];
      ctx.fillStyle = '#222';
      ctx.fillText(result.queries[q].length > 22 ? result.queries[q].slice(0, 21) + '…' : result.queries[q], 4, y + rowH / 2);
      for (var f = 0; f < frames; f++) {
        var x0 = label + w * (f / fps) / duration, x1 = label + w * ((f + 1) / fps) / duration;
        ctx.fillStyle = colour(row[f]);
        ctx.fillRect(x0, y + 2, Math.max(1, x1 - x0 + 0.5), rowH - 12);
      }
      result.events.filter(function (e) { return e.query === result.queries[q]; }).forEach(function (e) {
        ctx.fillStyle = '#e63946';
        var ex = label + w * e.onset / duration;
        ctx.fillRect(ex, y + rowH - 9, Math.max(2, w * (e.offset - e.onset) / duration), 6);
      });
    }
    var top = k * rowH;
    ctx.strokeStyle = '#555';
    ctx.beginPath(); ctx.moveTo(label, top + 2); ctx.lineTo(label + w, top + 2); ctx.stroke();
    var step = niceStep(duration);
    ctx.fillStyle = '#333';
    ctx.textBaseline = 'top';
    for (var t = 0; t <= duration + 1e-9; t += step) {
      var tx = label + w * t / duration;
      ctx.beginPath(); ctx.moveTo(tx, top + 2); ctx.lineTo(tx, top + 7); ctx.stroke();
      ctx.fillText(+t.toFixed(2) + ' s', Math.min(tx - 8, canvas.width - 40), top + 9);
    }
    canvas.setAttribute('data-drawn', 'true');
    canvas.setAttribute('data-frames', String(frames));
  }

  function niceStep(duration) {
    var raw = duration / 10, pow = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = raw / pow;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * pow;
  }

  fetch('api/health').then(function (r) { return r.json(); }).then(function (h) {
    $('info').textContent = 'Service ' + h.status + (h.modelLoaded ? ', model loaded' : '') +
      '; ' + h.maxConcurrentDetections + ' concurrent detection(s).';
  }).catch(function () { /* the footer stays empty */ });
})();
