// Draws the disclosure page's charts from its JSON data block. Served from the same origin (the CSP
// allows no inline script); without ECharts the tables still carry every figure.
(function () {
  var el = document.getElementById('disclosure-data');
  if (!el || typeof window.echarts === 'undefined') return;
  var data = JSON.parse(el.textContent || '{}');
  var charts = [];
  function chart(node, option) {
    var c = window.echarts.init(node, null, { renderer: 'svg' });
    c.setOption(option);
    charts.push(c);
  }
  var nodes = document.querySelectorAll('[data-chart]');
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    var kind = node.getAttribute('data-chart');
    if (kind === 'lending' && data.doc) {
      var cur = node.getAttribute('data-currency');
      var c = data.doc.currencies.filter(function (x) {
        return x.currency === cur;
      })[0];
      if (!c) continue;
      var keys = [
        'cumulativeLending',
        'periodLending',
        'outstanding',
        'relatedPartyOutstanding',
        'overdue',
        'overdue90',
        'compensationPeriod',
      ];
      chart(node, {
        tooltip: {},
        grid: { left: 8, right: 28, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: {
          type: 'category',
          inverse: true,
          data: keys.map(function (k) {
            return data.labels[k + '.amount'] || k;
          }),
        },
        series: [
          {
            type: 'bar',
            name: cur,
            data: keys.map(function (k) {
              return Number(c[k].amount);
            }),
          },
        ],
      });
    } else if (kind === 'complaints' && data.doc) {
      chart(node, {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: data.doc.complaints.byCategory.map(function (x) {
              return { name: x.code, value: x.count };
            }),
          },
        ],
      });
    } else if (kind === 'trend' && data.trend) {
      var first = (data.trend[data.trend.length - 1] || { currencies: [] }).currencies[0];
      var currency = first ? first.currency : '';
      var pick = function (p) {
        return p.currencies.filter(function (x) {
          return x.currency === currency;
        })[0];
      };
      chart(node, {
        tooltip: { trigger: 'axis' },
        legend: {},
        grid: { left: 8, right: 8, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: data.trend.map(function (p) {
            return p.period;
          }),
        },
        yAxis: [
          { type: 'value' },
          {
            type: 'value',
            axisLabel: {
              formatter: function (v) {
                return (v * 100).toFixed(0) + '%';
              },
            },
          },
        ],
        series: [
          {
            type: 'bar',
            name: data.labels.outstanding + ' (' + currency + ')',
            data: data.trend.map(function (p) {
              var c = pick(p);
              return c ? Number(c.outstanding.amount) : null;
            }),
          },
          {
            type: 'line',
            yAxisIndex: 1,
            name: data.labels.rate,
            data: data.trend.map(function (p) {
              var c = pick(p);
              return c ? c.amountOverdueRate : null;
            }),
          },
        ],
      });
    }
  }
  document.documentElement.setAttribute('data-charts', String(charts.length));
  window.addEventListener('resize', function () {
    charts.forEach(function (c) {
      c.resize();
    });
  });
})();
