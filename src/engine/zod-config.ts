import { config } from 'zod';

/*
 * Every module that builds zod schemas imports this first, so it runs before any schema is
 * built. zod's default compiles each object schema into a function with `new Function` on
 * first parse; a run parses each schema about once, so that compilation is pure start-up
 * cost. Jitless, zod also skips its `navigator` probe.
 */
config({ jitless: true });
