import type { CheckRule, RuleReport } from '../rule.js';
import type { History, Revision } from './input.js';

type Rule = CheckRule<History>;

/** A finding in a revision file, where `release-gates-ignore` may silence it. */
const at = (revision: Revision, line: number, message: string): RuleReport => ({
  file: revision.file,
  line,
  message,
  lines: revision.lines,
});

export const multipleHeads: Rule = {
  id: 'migrations/multiple-heads',
  level: 'error',
  description: 'more than one revision is a head: branches without a merge',
  check(history, report) {
    const { heads } = history;
    if (heads.length < 2) return;
    const ids = heads.map((head) => head.id).join(', ');
    for (const head of heads) {
      report(
        at(
          head,
          head.idLine,
          `revision ${head.id} is one of ${heads.length} heads (${ids}); merge them with \`alembic merge heads\``,
        ),
      );
    }
  },
};

export const unknownDownRevision: Rule = {
  id: 'migrations/unknown-down-revision',
  level: 'error',
  description: 'a down_revision names a revision that does not exist',
  check(history, report) {
    for (const { revision, down } of history.unknown) {
      report(
        at(
          revision,
          revision.downLine,
          `down_revision ${down} of revision ${revision.id} does not exist in ${history.dir}`,
        ),
      );
    }
  },
};

export const duplicateRevision: Rule = {
  id: 'migrations/duplicate-revision',
  level: 'error',
  description: 'two files use the same revision id',
  check(history, report) {
    for (const { revision, first } of history.duplicates) {
      report(
        at(
          revision,
          revision.idLine,
          `revision ${revision.id} is also defined in ${first.file}; give one of them a new id`,
        ),
      );
    }
  },
};

export const noHead: Rule = {
  id: 'migrations/no-head',
  level: 'error',
  description: 'the revisions form a cycle: none is a head',
  check(history, report) {
    if (history.heads.length > 0 || history.byId.size === 0) return;
    const first = [...history.byId.values()][0]!;
    report(
      at(
        first,
        first.idLine,
        `the revisions in ${history.dir} form a cycle: no revision is a head`,
      ),
    );
  },
};

export const MIGRATIONS_RULES: readonly Rule[] = [
  multipleHeads,
  unknownDownRevision,
  duplicateRevision,
  noHead,
];
