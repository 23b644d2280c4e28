import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/*
 * A fake GitHub REST API on 127.0.0.1 for the PR comment and check run: it records every
 * request and answers like GitHub (issue comments with Link pagination, check runs, who the
 * token is), unless a test scripts a route to answer otherwise. It never forwards anything
 * anywhere.
 *
 * The authorization header's value is never recorded: only that it was there and its scheme.
 */

export interface FakeRequest {
  method: string;
  /** The path without the query, e.g. /repos/o/r/issues/7/comments. */
  path: string;
  query: Record<string, string>;
  /** Every header but authorization, lower-cased names. */
  headers: Record<string, string>;
  authorization: { present: boolean; scheme?: string };
  /** The parsed JSON body, or undefined when there is none. */
  body: any;
  rawBody: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answers this long after the request came in (a slow or hanging API). */
  delayMs?: number;
}

/** A scripted answer: fixed, or computed from the request. */
export type Scripted = FakeResponse | ((request: FakeRequest) => FakeResponse);

export interface FakeUser {
  login: string;
  /** `User` for a person (a PAT), `Bot` for a GitHub App installation (GITHUB_TOKEN). */
  type: string;
}

export interface FakeComment {
  id: number;
  body: string;
  user?: FakeUser;
  performed_via_github_app?: { slug: string } | null;
}

/** Who GitHub Actions' default token (GITHUB_TOKEN) acts as. */
export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };

export interface FakeCheckRun {
  id: number;
  /** The create body, with the annotations of every update appended. */
  name: string;
  head_sha: string;
  status?: string;
  conclusion?: string;
  output: { title?: string; summary?: string; annotations: unknown[] };
}

export interface FakeGitHubApi {
  /** http://127.0.0.1:<port>, for GITHUB_API_URL. */
  url: string;
  requests: FakeRequest[];
  /** Comments by issue number; tests may seed them. */
  comments: Map<number, FakeComment[]>;
  checkRuns: FakeCheckRun[];
  /**
   * Who the token acts as: the author of the comments it posts, what GET /user answers (a
   * Bot, like every GitHub App installation token, gets GitHub's 403) and GraphQL's viewer.
   * The Actions bot unless a test sets it.
   */
  actor: FakeUser;
  /**
   * Queues answers for METHOD path (exact path, or a RegExp on it); each matching request
   * takes the next one. When the queue is empty the default GitHub-like answer applies.
   */
  script(method: string, path: string | RegExp, ...answers: Scripted[]): void;
  /** Answers every METHOD path request with `answer`, for good (once the queue is empty). */
  serve(method: string, path: string | RegExp, answer: Scripted): void;
  /** Seeds comments on an issue, by `user` (someone else unless given); ids in order. */
  seedComments(issue: number, bodies: string[], user?: FakeUser): FakeComment[];
  /** `METHOD /path?query` of each request, in order. */
  calls(): string[];
  close(): Promise<void>;
}

const open = new Set<FakeGitHubApi>();

interface Script {
  method: string;
  path: string | RegExp;
  answers: Scripted[];
  /** Never used up. */
  always?: boolean;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}

export async function startFakeGitHubApi(): Promise<FakeGitHubApi> {
  const requests: FakeRequest[] = [];
  const comments = new Map<number, FakeComment[]>();
  const checkRuns: FakeCheckRun[] = [];
  const scripts: Script[] = [];
  const sockets = new Set<Socket>();
  let nextCommentId = 1000;
  let nextCheckRunId = 5000;
  let origin = '';
  let actor: FakeUser = { ...ACTIONS_BOT };

  const defaultAnswer = (req: FakeRequest): FakeResponse => {
    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(req.path);
    if (m && req.method === 'GET') {
      const list = comments.get(Number(m[3])) ?? [];
      const perPage = Math.min(100, Number(req.query.per_page ?? 30) || 30);
      const page = Math.max(1, Number(req.query.page ?? 1) || 1);
      const items = list.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(list.length / perPage));
      const link = (p: number) => `<${origin}${req.path}?per_page=${perPage}&page=${p}>`;
      const links: string[] = [];
      if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
      if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`);
      return json(200, items, links.length > 0 ? { link: links.join(', ') } : {});
    }
    if (m && req.method === 'POST') {
      const issue = Number(m[3]);
      const comment: FakeComment = {
        id: nextCommentId++,
        body: String(req.body?.body ?? ''),
        user: { ...actor },
      };
      comments.set(issue, [...(comments.get(issue) ?? []), comment]);
      return json(201, {
        ...comment,
        html_url: `https://github.test/${m[1]}/${m[2]}/pull/${issue}#issuecomment-${comment.id}`,
      });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(req.path);
    if (m && req.method === 'PATCH') {
      const id = Number(m[3]);
      for (const [issue, list] of comments) {
        const comment = list.find((c) => c.id === id);
        if (!comment) continue;
        comment.body = String(req.body?.body ?? '');
        return json(200, {
          ...comment,
          html_url: `https://github.test/${m[1]}/${m[2]}/pull/${issue}#issuecomment-${id}`,
        });
      }
      return json(404, { message: 'Not Found' });
    }
    if (req.path === '/user' && req.method === 'GET') {
      // An installation token (GITHUB_TOKEN, a GitHub App's) cannot read /user.
      if (actor.type === 'Bot') {
        return json(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
          status: '403',
        });
      }
      return json(200, { login: actor.login, id: 4242, type: actor.type });
    }
    if (req.path === '/graphql' && req.method === 'POST') {
      if (/\bviewer\b/.test(String(req.body?.query ?? ''))) {
        return json(200, { data: { viewer: { login: actor.login } } });
      }
      return json(200, { errors: [{ message: 'the fake API only knows viewer' }] });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(req.path);
    if (m && req.method === 'POST') {
      const run: FakeCheckRun = {
        id: nextCheckRunId++,
        name: req.body?.name,
        head_sha: req.body?.head_sha,
        status: req.body?.status,
        conclusion: req.body?.conclusion,
        output: {
          title: req.body?.output?.title,
          summary: req.body?.output?.summary,
          annotations: [...(req.body?.output?.annotations ?? [])],
        },
      };
      checkRuns.push(run);
      return json(201, {
        id: run.id,
        name: run.name,
        head_sha: run.head_sha,
        html_url: `https://github.test/${m[1]}/${m[2]}/runs/${run.id}`,
      });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(req.path);
    if (m && req.method === 'PATCH') {
      const run = checkRuns.find((r) => r.id === Number(m![3]));
      if (!run) return json(404, { message: 'Not Found' });
      if (req.body?.output?.title !== undefined) run.output.title = req.body.output.title;
      if (req.body?.output?.summary !== undefined) run.output.summary = req.body.output.summary;
      run.output.annotations.push(...(req.body?.output?.annotations ?? []));
      return json(200, {
        id: run.id,
        html_url: `https://github.test/${m[1]}/${m[2]}/runs/${run.id}`,
      });
    }
    return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  };

  const answerFor = (req: FakeRequest): FakeResponse => {
    const matches = (s: Script) =>
      s.method === req.method &&
      s.answers.length > 0 &&
      (typeof s.path === 'string' ? s.path === req.path : s.path.test(req.path));
    // Queued answers first, then the ones that are never used up.
    const script =
      scripts.find((s) => !s.always && matches(s)) ?? scripts.find((s) => s.always && matches(s));
    const scripted = script?.always ? script.answers[0] : script?.answers.shift();
    if (scripted === undefined) return defaultAnswer(req);
    return typeof scripted === 'function' ? scripted(req) : scripted;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (name === 'authorization' || value === undefined) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const auth = req.headers.authorization;
      let body: unknown;
      try {
        body = rawBody === '' ? undefined : JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const recorded: FakeRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        authorization: auth ? { present: true, scheme: auth.split(' ')[0]! } : { present: false },
        body,
        rawBody,
      };
      requests.push(recorded);
      let answer: FakeResponse;
      try {
        answer = answerFor(recorded);
      } catch (error) {
        answer = json(500, { message: `fake API error: ${(error as Error).message}` });
      }
      const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, {
          ...(payload !== '' ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          ...answer.headers,
        });
        res.end(payload);
      };
      if (answer.delayMs) {
        const timer = setTimeout(send, answer.delayMs);
        res.on('close', () => clearTimeout(timer));
      } else send();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: FakeGitHubApi = {
    url: origin,
    requests,
    comments,
    checkRuns,
    get actor() {
      return actor;
    },
    set actor(user: FakeUser) {
      actor = { ...user };
    },
    script(method, path, ...answers) {
      scripts.push({ method: method.toUpperCase(), path, answers });
    },
    serve(method, path, answer) {
      scripts.push({ method: method.toUpperCase(), path, answers: [answer], always: true });
    },
    seedComments(issue, bodies, user = { login: 'someone', type: 'User' }) {
      const added = bodies.map((body) => ({ id: nextCommentId++, body, user: { ...user } }));
      comments.set(issue, [...(comments.get(issue) ?? []), ...added]);
      return added;
    },
    calls() {
      return requests.map((r) => {
        const query = new URLSearchParams(r.query).toString();
        return `${r.method} ${r.path}${query ? `?${query}` : ''}`;
      });
    },
    async close() {
      open.delete(api);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  open.add(api);
  return api;
}

/** Closes every fake API a test file started (for afterEach/afterAll). */
export async function closeFakeGitHubApis(): Promise<void> {
  await Promise.all([...open].map((api) => api.close()));
}
