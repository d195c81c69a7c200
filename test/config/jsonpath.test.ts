import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, parseJsonPath } from '../../src/config/jsonpath.js';

const doc = {
  status: 'ok',
  items: [{ id: 1, name: 'first' }, { id: 2 }],
  'content-type': 'json',
  'a b': { "it's": true },
  empty: null,
};

describe('evaluateJsonPath', () => {
  it.each([
    ['$', doc],
    ['$.status', 'ok'],
    ['$.items[0].name', 'first'],
    ['$.items[1].id', 2],
    ['$.items[-1].id', 2],
    ['$.content-type', 'json'],
    ["$['a b']", { "it's": true }],
    ["$['a b']['it\\'s']", true],
    ['$["a b"]', { "it's": true }],
    ['$.empty', null],
  ] as const)('%s finds its value', (path, value) => {
    expect(evaluateJsonPath(doc, path)).toEqual({ found: true, value });
  });

  it.each(['$.missing', '$.items[2]', '$.items[-3]', '$.status.length', '$.items.id', '$[0]', '$.constructor', '$.empty.x'])(
    '%s finds nothing',
    (path) => {
      expect(evaluateJsonPath(doc, path)).toEqual({ found: false });
    },
  );

  it('finds nothing for an invalid path instead of throwing', () => {
    expect(evaluateJsonPath(doc, 'status')).toEqual({ found: false });
  });
});

describe('parseJsonPath', () => {
  it('splits a path into keys and indexes', () => {
    expect(parseJsonPath("$.items[0]['a.b']")).toEqual([{ key: 'items' }, { index: 0 }, { key: 'a.b' }]);
  });

  it.each([
    ['items', /must start with \$/],
    ['$.items[*]', /unexpected "\[\*\]" at character 8/],
    ['$..name', /unexpected/],
    ["$['open", /unexpected/],
    ['$.', /unexpected "\."/],
  ])('rejects %s', (path, message) => {
    const result = parseJsonPath(path);
    expect(result).toHaveProperty('error');
    expect(Array.isArray(result) ? '' : result.error).toMatch(message);
  });
});
