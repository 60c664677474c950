'use strict';
// lib/redact.js keeps the masked form of short strings (a bounded map per Redactor) instead
// of scanning a string it has seen before again. Masking must come out exactly as without
// the memo, the first time and every time after, per configuration, and the memory stays
// bounded.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Redactor, MEMO_MAX_LENGTH, MEMO_MAX_ENTRIES } = require('../lib/redact');
const { credentials } = require('../lib/credentials');
const { sampleOf } = require('./helpers/token-samples');

function strings() {
  const tokens = credentials().tokens.map((t) => sampleOf(t.pattern)).filter((s) => s.length <= MEMO_MAX_LENGTH - 20);
  return [
    'application/json; charset=utf-8', 'node', '127.0.0.1:36719', '/courses', 'beginner', '',
    'https://app.example.com/reset?token=reset-0123456789&lang=en', 'access_token=at-123456789&token_type=bearer',
    'password=hunter2', 'api_key=abc%3Ddef', '{"password": "hunter2", "name": "Ada"}', '{"number": "4111 1111 1111 1111"}',
    'https%3A%2F%2Fhooks.slack.com%2Fservices%2FT000%2FB000%2FXXXXXXXXXXXXXXXXXXXXXXXX',
    ...tokens, ...tokens.map((t) => `Bearer ${t}`), ...tokens.map((t) => `key=${t} and more`),
  ];
}

test('maskString and text answer the same with the memo as without it, the first time and again', () => {
  for (const paths of [[], ['card.number', '**.secretish']]) {
    const redactor = new Redactor(paths);
    const fresh = new Redactor(paths);
    for (const s of strings()) {
      const expectedString = fresh._maskString(s);
      const expectedText = fresh._text(s);
      for (let round = 0; round < 3; round += 1) {
        assert.equal(redactor.maskString(s), expectedString, `maskString(${JSON.stringify(s)}), round ${round}`);
        assert.equal(redactor.text(s), expectedText, `text(${JSON.stringify(s)}), round ${round}`);
      }
    }
    // and the tokens are indeed masked (the memo does not hide a miss)
    const token = sampleOf(credentials().tokens.find((t) => !t.kind.includes('private')).pattern);
    assert.notEqual(redactor.maskString(token), token);
    assert.notEqual(redactor.maskString(token), token, 'again, from the memo');
  }
});

test('the memo is per configuration: an explicit path\'s last key masks free text in one Redactor only', () => {
  const withPath = new Redactor(['card.number']);
  const without = new Redactor([]);
  const text = '{"number": "4111 1111 1111 1111"}';
  assert.equal(without.text(text), text);
  assert.equal(withPath.text(text), '{"number": "[redacted]"}');
  assert.equal(without.text(text), text, 'again');
  assert.equal(withPath.text(text), '{"number": "[redacted]"}', 'again');
});

test('the memo stays bounded, and long strings are not kept', () => {
  const redactor = new Redactor([]);
  for (let i = 0; i < MEMO_MAX_ENTRIES * 2 + 10; i += 1) {
    redactor.maskString(`value-${i}`);
    redactor.text(`text-${i}`);
  }
  assert.ok(redactor.masked.size <= MEMO_MAX_ENTRIES);
  assert.ok(redactor.maskedText.size <= MEMO_MAX_ENTRIES);
  const small = new Redactor([]);
  const long = `password=hunter2 ${'x'.repeat(MEMO_MAX_LENGTH)}`;
  assert.equal(small.maskString(long), `password=[redacted] ${'x'.repeat(MEMO_MAX_LENGTH)}`);
  assert.equal(small.text(long), `password=[redacted] ${'x'.repeat(MEMO_MAX_LENGTH)}`);
  assert.equal(small.masked.size, 0);
  assert.equal(small.maskedText.size, 0);
});
