// Stand-in for the Next.js checkout page's payment set-up.
export function paymentConfig() {
  return {
    apiUrl: process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:8000',
    // NEXT_PUBLIC_ values are inlined into the browser bundle: this ships the secret key.
    stripeKey: process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY ?? '',
  };
}
