// Draws the charts of a droplets HTML report with Chart.js (inlined before this script).
// The page holds each chart's Chart.js configuration as JSON (#droplets-charts: canvas id ->
// {config, unit, titles, tooltips, nodeColours}); JSON cannot hold functions, so what needs
// one is named here: `unit` ("ms" or "calls") formats the value axis and the tooltips,
// `titles` (one per label) and `tooltips` (one text per data point, made by the report)
// replace a tooltip's title and lines, and `nodeColours` colours a Sankey's bands by the
// nodes they join. Animation is off:
// a report is read, not watched, and a chart is complete as soon as the page has loaded.
(function () {
  'use strict';
  var number = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
  var formats = {
    ms: function (v) { return v == null ? '' : v >= 1000 ? number.format(v / 1000) + ' s' : number.format(v) + ' ms'; },
    calls: function (v) { return number.format(v); },
  };
  var specs = JSON.parse(document.getElementById('droplets-charts').textContent);
  window.dropletsCharts = {};
  Object.keys(specs).forEach(function (id) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    var spec = specs[id];
    var config = spec.config;
    var options = (config.options = config.options || {});
    options.animation = false;
    options.responsive = true;
    options.maintainAspectRatio = false;
    options.plugins = options.plugins || {};
    var tooltip = (options.plugins.tooltip = options.plugins.tooltip || {});
    var callbacks = (tooltip.callbacks = tooltip.callbacks || {});
    var format = formats[spec.unit];
    if (format) {
      var axis = options.indexAxis === 'y' ? 'x' : 'y';
      options.scales = options.scales || {};
      options.scales[axis] = options.scales[axis] || {};
      options.scales[axis].ticks = Object.assign({ callback: function (v) { return format(v); } }, options.scales[axis].ticks);
      callbacks.label = function (item) {
        var value = item.parsed[axis];
        return (item.dataset.label ? item.dataset.label + ': ' : '') + format(value);
      };
    }
    if (spec.titles) {
      callbacks.title = function (items) { return items.length ? spec.titles[items[0].dataIndex] : ''; };
    }
    if (spec.nodeColours) {
      // A Sankey band takes the colours of the nodes it joins (exits grey).
      var dataset = config.data.datasets[0];
      dataset.colorFrom = function (c) { return spec.nodeColours[c.dataset.data[c.dataIndex].from]; };
      dataset.colorTo = function (c) { return spec.nodeColours[c.dataset.data[c.dataIndex].to]; };
    }
    if (spec.tooltips) {
      callbacks.label = function (item) { return spec.tooltips[item.datasetIndex][item.dataIndex]; };
    }
    window.dropletsCharts[id] = new Chart(canvas, config);
  });
})();
