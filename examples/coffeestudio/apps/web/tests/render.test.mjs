import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './compiled.mjs';

const { renderPage, escapeHtml } = await load('render');

test('renders a full document with prices and version', () => {
  const html = renderPage({
    title: 'Menu',
    version: '1.4.0',
    items: [{ name: 'Espresso', price: { amountMinor: 250, currency: 'EUR' } }],
  });
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<li>Espresso · €2\.50<\/li>/);
  assert.match(html, /CoffeeStudio v1\.4\.0/);
});

test('escapes user-provided text', () => {
  assert.equal(escapeHtml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  const html = renderPage({ title: '<script>', version: '1', items: [] });
  assert.ok(!html.includes('<script>'));
  assert.match(html, /No items yet/);
});
