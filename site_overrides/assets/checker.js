/* 回答几个问题: walks the flow embedded in the page (<script id="flow-data">, built by
   generator/pages/flowchart.py) one question at a time, and ends at the outcome with its materials,
   where to apply and citations. No framework and no request: everything is in the page.
   Text from the data is only ever set as textContent, never parsed as HTML. */
(function () {
  "use strict";

  // One step of the walk (the browser tests click through it on real pages).
  function step(flow, id, answer) {
    var node = flow.nodes[id];
    if (!node || node.kind !== "question") { throw new Error("not a question: " + id); }
    return answer ? node.yes : node.no;
  }

  var app = document.getElementById("checker-app");
  var source = document.getElementById("flow-data");
  if (!app || !source) { return; }
  var flow;
  try { flow = JSON.parse(source.textContent); } catch (e) { return; }

  var trail = [];          // questions answered so far, for 上一步

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function button(label, onClick, className) {
    var b = el("button", "md-button" + (className ? " " + className : ""), label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // A statement with its footnote numbers (the same as on the page's 依据 list); link: the list's anchor base.
  function said(link, item, prefix) {
    var li = el("li", null, (prefix || "") + item.text);
    if (item.citations && item.citations.length) {
      var sup = el("sup", "cite");
      item.citations.forEach(function (i, k) {
        var a = el("a", null, String(i + 1));
        a.href = link + "-cite-" + (i + 1);
        if (k) { sup.appendChild(document.createTextNode(",")); }
        sup.appendChild(a);
      });
      li.appendChild(sup);
    }
    return li;
  }

  function list(link, title, items, ordered, prefix) {
    if (!items || !items.length) { return []; }
    var ul = el(ordered ? "ol" : "ul");
    items.forEach(function (item) { ul.appendChild(said(link, item, prefix && prefix(item))); });
    return [el("p", "checker-label", title), ul];
  }

  function citation(c) {
    var li = el("li");
    var a = el("a", null, c.title);
    a.href = c.source_link;
    li.appendChild(a);
    li.appendChild(document.createTextNode(c.about));   // worded by Citation.describe("about")
    return li;
  }

  function controls(atStart) {
    var bar = el("p", "checker-controls");
    if (trail.length) {
      bar.appendChild(button("上一步", function () { show(trail.pop(), true); }));
    }
    if (!atStart) {
      bar.appendChild(button("重新开始", function () { trail = []; show(flow.start, true); }));
    }
    return bar;
  }

  function question(id, node) {
    var parts = [el("p", "checker-step", "第 " + (trail.length + 1) + " 问")];
    var q = el("p", "checker-focus checker-question");
    q.appendChild(document.createTextNode("您属于这种情况吗："));
    q.appendChild(el("strong", null, node.label));
    parts.push(q, el("p", "checker-hint", node.question));
    // Words the question relies on (异地安置, 统筹区 …), explained in place, linked to the glossary.
    (node.terms || []).forEach(function (t) {
      var p = el("p", "checker-term");
      var a = el("a", null, t.term);
      a.href = t.link;
      p.appendChild(a);
      p.appendChild(document.createTextNode("：" + t.definition));
      parts.push(p);
    });
    var answers = el("p", "checker-answers");
    answers.appendChild(button("是", function () { trail.push(id); show(step(flow, id, true), true); },
                               "md-button--primary"));
    answers.appendChild(button("否", function () { trail.push(id); show(step(flow, id, false), true); },
                               "md-button--primary"));
    parts.push(answers, controls(id === flow.start));
    return parts;
  }

  function outcome(node) {
    var parts = [];
    if (node.via) { parts.push(el("p", "checker-step", node.via)); }
    var head = el("p", "checker-focus checker-result");
    head.appendChild(document.createTextNode("结果："));
    head.appendChild(el("strong", null, node.outcome));
    if (node.grade) {
      head.appendChild(document.createTextNode(" "));
      var badge = el("span", "grade grade-" + node.grade, node.grade_label);
      badge.title = node.grade_text;
      head.appendChild(badge);
    }
    parts.push(head);
    if (node.summary) { parts.push(el("p", null, node.summary)); }
    if (node.unverified) { parts.push(el("p", "checker-warning", node.unverified_text)); }
    if (node.status_text) { parts.push(el("p", "checker-warning", node.status_text)); }
    if (node.inherited_from) { parts.push(el("p", "checker-hint", "本条沿用" + node.inherited_from + "的规定。")); }
    function place(p, title) {
      return {text: (title || "") + p.type + "：" + p.name + (p.note ? "（" + p.note + "）" : ""), citations: p.citations};
    }
    var where = (node.where || []).map(function (p) { return place(p); });
    var errand = (node.errand || []).map(function (e) {
      return e.said ? {text: e.title + "：" + e.said.text, citations: e.said.citations} : {text: e.title + "：未查明"};
    });
    var link = node.link;
    parts = parts.concat(list(link, "条件", node.conditions), list(link, "申请材料", node.materials),
                         list(link, "办理步骤", node.steps, true), list(link, "在哪里办", where),
                         list(link, "时限", node.time_limit ? [node.time_limit] : []),
                         list(link, "怎么办理", errand));
    // Channels and contacts of the place (or the nearest level that has them), where money can come out.
    var sv = flow.service;
    if (sv && errand.length) {
      var contacts = sv.channels.length ? sv.channels.map(function (p) { return place(p, "办理渠道："); })
                                        : [{text: "办理渠道：未查明"}];
      [["窗口地址", sv.address], ["办公时间", sv.hours], ["咨询电话", sv.phone]].forEach(function (pair) {
        contacts.push(pair[1] ? {text: pair[0] + "：" + pair[1].text, citations: pair[1].citations}
                              : {text: pair[0] + "：未查明"});
      });
      parts = parts.concat(list(sv.link, "渠道与联系方式", contacts));
      if (sv.from) { parts.push(el("p", "checker-hint", "以上渠道和联系方式来自" + sv.from + "的资料，本地的未查到。")); }
    }
    if (node.citations && node.citations.length) {
      var ol = el("ol");
      node.citations.forEach(function (c) { ol.appendChild(citation(c)); });
      parts.push(el("p", "checker-label", "依据"), ol);
    }
    if (node.not_covered && node.not_covered.length) {
      parts.push(el("p", "checker-hint", "本站没有找到本地区以下情形的规定：" + node.not_covered.join("、")
                    + "。遇到这些情形，请咨询当地医保部门。"));
    }
    if (node.link) {
      var more = el("p");
      var a = el("a", null, "查看这条规定的全文和来源");
      a.href = node.link;
      more.appendChild(a);
      parts.push(more);
    }
    parts.push(controls(false));
    return parts;
  }

  function show(id, moveFocus) {
    var node = flow.nodes[id];
    var parts = node.kind === "question" ? question(id, node) : outcome(node);
    while (app.firstChild) { app.removeChild(app.firstChild); }
    parts.forEach(function (p) { app.appendChild(p); });
    var focus = app.querySelector(".checker-focus");
    if (moveFocus && focus) {             // not on page load: the page must not jump
      focus.tabIndex = -1;
      focus.focus();
    }
  }

  show(flow.start, false);
}());
