"""`morph` and `patchInto` (web/js/dom.js) on their own, in Chromium: keyed children keep their
nodes, the focused control keeps its focus and caret, typed text survives a redraw, handlers
follow the newest tree."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from e2e.helpers import LAPTOP, Devices

pytestmark = pytest.mark.e2e


def lab(server: Any, devices: Devices) -> Page:
    page = devices.open("lab", f"{server.base_url}/", LAPTOP).page
    page.evaluate("async () => { window.dom = await import('/static/js/dom.js'); }")
    return page


def test_keyed_children_keep_their_nodes(server: Any, devices: Devices) -> None:
    page = lab(server, devices)
    got = page.evaluate(
        """() => {
      const { h, morph } = window.dom;
      const list = (keys) => h('ul', null, keys.map((k) => h('li', { key: k }, `item ${k}`)));
      const root = list(['a', 'b', 'c', 'd']);
      document.body.appendChild(root);
      const before = Object.fromEntries([...root.children].map((li) => [li.dataset.key, li]));
      const out = morph(root, list(['d', 'b', 'e', 'a']));
      const after = [...out.children];
      return {
        same_root: out === root,
        order: after.map((li) => li.dataset.key),
        texts: after.map((li) => li.textContent),
        kept: after.map((li) => before[li.dataset.key] === li),
        c_gone: !root.contains(before.c),
      };
    }"""
    )
    assert got["same_root"]
    assert got["order"] == ["d", "b", "e", "a"]
    assert got["texts"] == ["item d", "item b", "item e", "item a"]
    # d, b and a are the very nodes they were; e is new
    assert got["kept"] == [True, True, False, True]
    assert got["c_gone"]


def test_focus_caret_and_typed_text_are_kept(server: Any, devices: Devices) -> None:
    page = lab(server, devices)
    page.evaluate(
        """() => {
      const { h, patchInto } = window.dom;
      window.app = h('div', { id: 'lab' });
      document.body.appendChild(window.app);
      window.tree = (value, extra) =>
        h('div', null, extra ? h('p', { key: 'extra' }, 'new line above') : null,
          h('input', { id: 'name', type: 'text', value, key: 'name' }),
          h('textarea', { id: 'note', value: 'server note', 'data-keep': '', key: 'note' }));
      patchInto(window.app, window.tree('', false));
    }"""
    )
    page.locator("#name").click()
    page.keyboard.type("Chidi Okafor")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.locator("#note").fill("what I typed")
    page.locator("#name").focus()
    page.evaluate(
        "() => window.dom.patchInto(window.app, window.tree('a value from the server', true))"
    )
    got = page.evaluate(
        """() => {
      const input = document.getElementById('name');
      return {
        focused: document.activeElement === input,
        value: input.value,
        caret: [input.selectionStart, input.selectionEnd],
        note: document.getElementById('note').value,
        extra: document.querySelector('#lab p').textContent,
      };
    }"""
    )
    # the person is typing: their text and caret stay, the redraw still happened around them
    assert got["focused"]
    assert got["value"] == "Chidi Okafor"
    assert got["caret"] == [10, 10]
    assert got["note"] == "what I typed"  # data-keep: never overwritten
    assert got["extra"] == "new line above"
    # once the person has left the field, a new value from the server shows
    page.evaluate("() => document.activeElement.blur()")
    page.evaluate("() => window.dom.patchInto(window.app, window.tree('from the server', true))")
    assert page.locator("#name").input_value() == "from the server"


def test_focus_follows_a_moved_card_and_handlers_are_the_newest(
    server: Any, devices: Devices
) -> None:
    page = lab(server, devices)
    got = page.evaluate(
        """() => {
      const { h, patchInto } = window.dom;
      const app = h('div');
      document.body.appendChild(app);
      const clicks = [];
      // a card that moves to another column is rebuilt there; its Move button has data-move
      const board = (where, label) =>
        h('div', null,
          ['left', 'right'].map((col) =>
            h('section', { key: col }, col === where
              ? h('article', { key: 'idea1' },
                  h('button', { 'data-move': 'idea1', on: { click: () => clicks.push(label) } },
                    'Move'))
              : null)));
      patchInto(app, board('left', 'first'));
      app.querySelector('[data-move]').focus();
      patchInto(app, board('right', 'second'));
      const button = app.querySelector('[data-move]');
      const focused = document.activeElement === button;
      const column = button.closest('section').dataset.key;
      patchInto(app, board('right', 'third'));
      app.querySelector('[data-move]').click();
      return { focused, column, clicks };
    }"""
    )
    assert got["column"] == "right"
    assert got["focused"]
    assert got["clicks"] == ["third"]
