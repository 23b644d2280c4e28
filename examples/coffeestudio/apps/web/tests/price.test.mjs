import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './compiled.mjs';

const { formatPrice, sumPrices } = await load('price');

test('formats minor units with the currency symbol', () => {
  assert.equal(formatPrice({ amountMinor: 250, currency: 'EUR' }), '€2.50');
  assert.equal(formatPrice({ amountMinor: 123456, currency: 'USD' }), '$1,234.56');
  assert.equal(formatPrice({ amountMinor: -5, currency: 'GBP' }), '-£0.05');
});

test('rejects fractional minor units', () => {
  assert.throws(() => formatPrice({ amountMinor: 2.5, currency: 'EUR' }), RangeError);
});

test('sums prices of one currency only', () => {
  const eur = (amountMinor) => ({ amountMinor, currency: 'EUR' });
  assert.deepEqual(sumPrices([eur(250), eur(380)]), eur(630));
  assert.equal(sumPrices([]), undefined);
  assert.throws(() => sumPrices([eur(1), { amountMinor: 1, currency: 'USD' }]), TypeError);
});
