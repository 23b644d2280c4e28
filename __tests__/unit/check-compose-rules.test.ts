import { afterAll } from '@jest/globals';
import { composeCheck } from '../../src/engine/checks/compose.js';
import { readComposeInput } from '../../src/engine/checks/compose/input.js';
import { COMPOSE_RULES } from '../../src/engine/checks/compose/rules.js';
import { removeTempDirs } from '../helpers/fixtures.js';
import { describeRules } from './check-rules-helpers.js';

afterAll(removeTempDirs);

const HEALTH = '    healthcheck: { test: [CMD, true] }\n';

describeRules(composeCheck, COMPOSE_RULES, readComposeInput, {
  'compose/no-healthcheck': {
    fires: {
      'docker-compose.yml': 'services:\n  api:\n    image: ghcr.io/x/api:1.0\n',
    },
    at: ['docker-compose.yml:2'],
    quiet: {
      // A one-shot job is exempt.
      'docker-compose.yml':
        'services:\n  migrate:\n    image: ghcr.io/x/api:1.0\n    command: alembic upgrade head\n',
    },
  },
  'compose/depends-on-healthy': {
    fires: {
      'compose.yml': `services:\n  db:\n    image: postgres:16\n${HEALTH}  api:\n    image: ghcr.io/x/api:1.0\n${HEALTH}    depends_on: [db]\n`,
    },
    at: ['compose.yml:8'],
    quiet: {
      'compose.yml': `services:\n  db:\n    image: postgres:16\n${HEALTH}  api:\n    image: ghcr.io/x/api:1.0\n${HEALTH}    depends_on:\n      db: { condition: service_healthy }\n`,
    },
  },
  'compose/latest-tag': {
    fires: { 'compose.yml': `services:\n  api:\n    image: ghcr.io/x/api:latest\n${HEALTH}` },
    at: ['compose.yml:3'],
    quiet: { 'compose.yml': `services:\n  api:\n    image: ghcr.io/x/api:1.0\n${HEALTH}` },
  },
  'compose/untagged-image': {
    fires: { 'compose.yml': `services:\n  api:\n    image: ghcr.io/x/api\n${HEALTH}` },
    at: ['compose.yml:3'],
    quiet: {
      // A service that builds its image names it, untagged or not.
      'compose.yml': `services:\n  api:\n    build: .\n    image: ghcr.io/x/api\n${HEALTH}`,
    },
  },
  'compose/published-db-port': {
    fires: {
      'compose.prod.yml': `services:\n  db:\n    image: postgres:16\n${HEALTH}    ports: ['5432:5432']\n`,
    },
    at: ['compose.prod.yml:5'],
    quiet: {
      'compose.prod.yml': `services:\n  db:\n    image: postgres:16\n${HEALTH}    ports: ['127.0.0.1:5432:5432']\n`,
    },
  },
  'compose/invalid-yaml': {
    fires: { 'compose.yml': 'services:\n  api:\n    image: [unclosed\n' },
    at: ['compose.yml:4'],
    quiet: { 'compose.yml': 'services: {}\n' },
  },
});
