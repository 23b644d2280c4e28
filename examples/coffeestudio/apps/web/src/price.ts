/** Prices are kept in minor units (cents) everywhere; this is the only place they become text. */
export type Currency = 'EUR' | 'USD' | 'GBP';

export interface Price {
  amountMinor: number;
  currency: Currency;
}

const SYMBOLS: Record<Currency, string> = { EUR: '€', USD: '$', GBP: '£' };

export function formatPrice(price: Price): string {
  if (!Number.isInteger(price.amountMinor)) {
    throw new RangeError(`amountMinor must be an integer, got ${price.amountMinor}`);
  }
  const sign = price.amountMinor < 0 ? '-' : '';
  const abs = Math.abs(price.amountMinor);
  const major = Math.floor(abs / 100).toLocaleString('en-US');
  const minor = String(abs % 100).padStart(2, '0');
  return `${sign}${SYMBOLS[price.currency]}${major}.${minor}`;
}

export function sumPrices(prices: readonly Price[]): Price | undefined {
  const first = prices[0];
  if (first === undefined) return undefined;
  let amountMinor = 0;
  for (const price of prices) {
    if (price.currency !== first.currency) {
      throw new TypeError(`cannot add ${price.currency} to ${first.currency}`);
    }
    amountMinor += price.amountMinor;
  }
  return { amountMinor, currency: first.currency };
}
