// SPDX-License-Identifier: BSD-2-Clause
// Interaction for the page cpkit graph --format html writes. No libraries and no network: the
// page must work from a file on a machine without internet access. Everything is read from
// the data- attributes the SVG writer puts on nodes (data-id, data-name, data-kind,
// data-parent) and edges (data-from, data-to).
(function () {
  'use strict';
  var svg = document.querySelector('#drawing svg');
  var tooltip = document.getElementById('tooltip');
  var search = document.getElementById('search');
  var status = document.getElementById('status');
  var panel = document.getElementById('selection');
  var nodes = new Map();
  var edges = Array.prototype.slice.call(svg.querySelectorAll('.edge'));
  svg.querySelectorAll('.node').forEach(function (el) { nodes.set(el.dataset.id, el); });

  // Our tooltip replaces the SVG <title>s, so that the browser does not show both.
  svg.querySelectorAll('.node, .edge').forEach(function (el) {
    var t = el.querySelector(':scope > title');
    if (t) { el.dataset.tip = t.textContent; t.remove(); }
  });

  function nameOf(id) {
    var el = nodes.get(id);
    return el ? el.dataset.name : id;
  }

  // What a node can reach: the other end of every edge it is on, and what is nested in it
  // (a parent PD handles its children's faults and can restart them).
  function reachOf(id) {
    var reach = { nodes: new Set(), edges: [] };
    edges.forEach(function (e) {
      if (e.dataset.from === id || e.dataset.to === id) {
        reach.edges.push(e);
        reach.nodes.add(e.dataset.from === id ? e.dataset.to : e.dataset.from);
      }
    });
    nodes.forEach(function (el, other) {
      if (el.dataset.parent === id) reach.nodes.add(other);
    });
    reach.nodes.delete(id);
    return reach;
  }

  function clearSelection() {
    svg.classList.remove('has-selection');
    svg.querySelectorAll('.selected, .reach, .container-of-selection').forEach(function (el) {
      el.classList.remove('selected', 'reach', 'container-of-selection');
    });
    document.querySelectorAll('table.matrix .hl').forEach(function (el) {
      el.classList.remove('hl');
    });
    panel.textContent = '';
    svg.dataset.selected = '';
    status.textContent = '';
  }

  function select(id) {
    clearSelection();
    var el = nodes.get(id);
    if (!el) return;
    var reach = reachOf(id);
    svg.classList.add('has-selection');
    svg.dataset.selected = id;
    el.classList.add('selected');
    for (var p = el.dataset.parent; p; p = nodes.get(p) && nodes.get(p).dataset.parent) {
      if (nodes.get(p)) nodes.get(p).classList.add('container-of-selection');
    }
    reach.nodes.forEach(function (other) {
      if (nodes.get(other)) nodes.get(other).classList.add('reach');
    });
    reach.edges.forEach(function (e) { e.classList.add('reach'); });
    highlightMatrices(id, reach);
    describe(el, reach);
    status.textContent = el.dataset.name + ': ' + reach.nodes.size + ' reachable';
  }

  function highlightMatrices(id, reach) {
    document.querySelectorAll('table.matrix').forEach(function (table) {
      table.querySelectorAll('tbody tr').forEach(function (tr) {
        if (tr.dataset.id === id) {
          tr.classList.add('hl');
          tr.querySelectorAll('td').forEach(function (td) {
            if (td.textContent) td.classList.add('hl');
          });
        }
      });
      table.querySelectorAll('thead th[data-id]').forEach(function (th) {
        if (th.dataset.id === id || reach.nodes.has(th.dataset.id)) th.classList.add('hl');
      });
    });
  }

  function describe(el, reach) {
    var h = document.createElement('h3');
    h.textContent = el.dataset.name;
    panel.appendChild(h);
    var dl = document.createElement('dl');
    (el.dataset.tip || '').split('\n').slice(1).forEach(function (line) {
      var i = line.indexOf(': ');
      if (i < 0) return;
      var dt = document.createElement('dt');
      dt.textContent = line.slice(0, i);
      var dd = document.createElement('dd');
      dd.textContent = line.slice(i + 2);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    panel.appendChild(dl);
    var ul = document.createElement('ul');
    ul.className = 'reach';
    reach.edges.forEach(function (e) {
      var li = document.createElement('li');
      li.textContent = (e.dataset.tip || '').split('\n')[0] + ' — ' +
          (e.querySelector('text') ? e.querySelector('text').textContent : '');
      ul.appendChild(li);
    });
    nodes.forEach(function (child) {
      if (child.dataset.parent === el.dataset.id) {
        var li = document.createElement('li');
        li.textContent = 'parent of ' + child.dataset.name;
        ul.appendChild(li);
      }
    });
    if (ul.childNodes.length) panel.appendChild(ul);
  }

  svg.addEventListener('click', function (ev) {
    var node = ev.target.closest('.node');
    if (!node) { clearSelection(); return; }
    if (svg.dataset.selected === node.dataset.id) clearSelection();
    else select(node.dataset.id);
  });

  document.querySelectorAll('table.matrix tbody th, table.matrix thead th[data-id]')
      .forEach(function (th) {
        var id = th.dataset.id || th.parentElement.dataset.id;
        th.style.cursor = 'pointer';
        th.addEventListener('click', function () { select(id); });
      });

  svg.addEventListener('mousemove', function (ev) {
    var el = ev.target.closest('.node, .edge');
    if (!el || !el.dataset.tip) { tooltip.hidden = true; return; }
    tooltip.textContent = el.dataset.tip;
    tooltip.hidden = false;
    var x = Math.min(ev.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    var y = Math.min(ev.clientY + 14, window.innerHeight - tooltip.offsetHeight - 8);
    tooltip.style.left = x + 'px';
    tooltip.style.top = y + 'px';
  });
  svg.addEventListener('mouseleave', function () { tooltip.hidden = true; });

  function applySearch() {
    var q = search.value.trim().toLowerCase();
    var matches = [];
    nodes.forEach(function (el) {
      var hit = q !== '' && el.dataset.name.toLowerCase().indexOf(q) >= 0;
      el.classList.toggle('match', hit);
      if (hit) matches.push(el);
    });
    svg.classList.toggle('has-search', q !== '');
    status.textContent = q === '' ? '' : matches.length + ' match' +
        (matches.length === 1 ? '' : 'es');
    return matches;
  }
  search.addEventListener('input', applySearch);
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      var m = applySearch();
      if (m.length) select(m[0].dataset.id);
    }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') {
      search.value = '';
      applySearch();
      clearSelection();
    }
  });

  // '#select=NAME' clicks the node named NAME once the page is loaded (PDs first): a link
  // can point at one PD, and headless tests exercise the real click handler this way.
  function fromHash() {
    var m = /^#select=(.+)$/.exec(location.hash);
    if (!m) return;
    var name = decodeURIComponent(m[1]);
    var target = null;
    nodes.forEach(function (el) {
      if (el.dataset.name === name && (!target || el.dataset.kind === 'pd')) target = el;
    });
    if (target) {
      target.querySelector('rect').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  window.cpkitGraph = { select: select, clear: clearSelection };
})();
