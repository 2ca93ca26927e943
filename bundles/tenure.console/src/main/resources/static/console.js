/*
 * Tenure console: progressive enhancement only; every page works without this file.
 * - forms marked data-fetch post with fetch(): "inline" updates the modules table in place, "navigate" then goes
 *   where the plain form would have gone;
 * - the modules table (data-live-state) follows the modules' states every 2 s, and the navigation the pages they add;
 * - a job (data-job) shows its progress every second until it is done or failed.
 * No inline script: the Content-Security-Policy allows scripts from this server only.
 */
(function () {
  'use strict';

  function statusLine(text, isError) {
    var main = document.querySelector('main');
    var line = main.querySelector('[role=status], p.error[role=alert]');
    if (!line) {
      line = document.createElement('p');
      main.querySelector('h2').after(line);
    }
    line.setAttribute('role', isError ? 'alert' : 'status');
    line.className = isError ? 'error' : 'message';
    line.textContent = text;
  }

  function replaceFrom(doc, selector) {
    var fresh = doc.querySelector(selector);
    var old = document.querySelector(selector);
    if (fresh && old) {
      old.replaceWith(document.importNode(fresh, true));
    }
  }

  /** Takes the table body and the navigation from a fresh copy of the modules page. */
  function refreshModules() {
    return fetch('/console/modules', { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error('status ' + r.status)); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        replaceFrom(doc, 'table.modules tbody');
        replaceFrom(doc, 'header nav');
      })
      .catch(function () { /* the next poll tries again */ });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var mode = form.getAttribute('data-fetch');
    if (!mode || !window.fetch) {
      return;
    }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    var button = event.submitter;
    if (button && button.name) {
      body.set(button.name, button.value);
    }
    if (button) {
      button.disabled = true;
    }
    // getAttribute: a control named "action" (the start and stop buttons) shadows form.action.
    fetch(form.getAttribute('action'), {
      method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    }).then(function (r) {
      var type = r.headers.get('Content-Type') || '';
      if (type.indexOf('application/json') < 0) {
        throw new Error('the server answered ' + r.status + (r.status === 403 ? ' (refused)' : ''));
      }
      return r.json();
    }).then(function (answer) {
      if (mode === 'navigate' && answer.redirect) {
        window.location.assign(answer.redirect);
        return;
      }
      statusLine(answer.message, !answer.ok);
      return refreshModules();
    }).catch(function (e) {
      statusLine('Not done: ' + e.message + '. Reload the page and try again.', true);
    }).finally(function () {
      if (button) {
        button.disabled = false;
      }
    });
  });

  function sameNav(links) {
    var now = Array.prototype.map.call(document.querySelectorAll('header nav a'), function (a) {
      return a.getAttribute('href') + ' ' + a.textContent;
    });
    return now.join('\n') === links.map(function (l) { return l.href + ' ' + l.title; }).join('\n');
  }

  function rebuildNav(links) {
    var nav = document.querySelector('header nav');
    if (!nav || sameNav(links)) {
      return;
    }
    nav.textContent = '';
    links.forEach(function (l) {
      var a = document.createElement('a');
      a.href = l.href;
      a.textContent = l.title;
      nav.appendChild(a);
    });
  }

  function pollStates(table) {
    fetch('/console/modules/state', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer) {
          return;
        }
        var changed = table.querySelectorAll('tbody tr[data-module]').length !== answer.modules.length;
        answer.modules.forEach(function (m) {
          var row = table.querySelector('tr[data-module="' + CSS.escape(m.id) + '"]');
          var cell = row && row.querySelector('.state');
          if (!cell) {
            changed = true;
          } else if (cell.textContent !== m.state) {
            cell.textContent = m.state;
            cell.className = 'state ' + m.state;
            changed = true;
          }
        });
        rebuildNav(answer.nav);
        if (changed) {
          refreshModules();
        }
      })
      .catch(function () { /* the next poll tries again */ });
  }

  function pollJob(section) {
    var id = section.getAttribute('data-job');
    var timer = window.setInterval(function () {
      fetch('/console/jobs/' + encodeURIComponent(id), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('status ' + r.status)); })
        .then(function (job) {
          var bar = section.querySelector('progress');
          if (job.fraction >= 0) {
            bar.value = job.fraction;
            bar.textContent = Math.round(job.fraction * 100) + '%';
          } else if (job.status === 'running') {
            bar.removeAttribute('value');
          } else {
            bar.value = job.status === 'done' ? 1 : 0;
          }
          var status = section.querySelector('.job-status');
          status.textContent = job.status;
          status.className = 'job-status ' + job.status;
          section.querySelector('.job-progress').textContent = job.progress;
          section.querySelector('.job-elapsed').textContent = job.elapsed;
          section.querySelector('.job-message').textContent = job.message;
          var details = section.querySelector('.job-details');
          details.textContent = '';
          job.details.forEach(function (d) {
            var li = document.createElement('li');
            li.textContent = d;
            details.appendChild(li);
          });
          var row = document.querySelector('tr[data-job-row="' + CSS.escape(id) + '"]');
          if (row) {
            row.querySelector('.job-row-status').textContent = job.status;
            row.querySelector('.job-row-message').textContent = job.message;
          }
          if (job.status !== 'running') {
            window.clearInterval(timer);
          }
        })
        .catch(function () { window.clearInterval(timer); });
    }, 1000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var table = document.querySelector('table[data-live-state]');
    if (table && window.fetch) {
      window.setInterval(function () { pollStates(table); }, 2000);
    }
    var job = document.querySelector('section[data-job]');
    if (job && window.fetch && job.querySelector('.job-status').textContent === 'running') {
      pollJob(job);
    }
  });
}());
