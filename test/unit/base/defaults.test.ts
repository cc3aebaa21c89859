// What a prompt offers first (issue #31 item 5): every branch of the two rules, with near misses.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { preferredProfile, preferredRegion } from '../../../src/base/defaults';
import { CoreArgumentError } from '../../../src/base/guards';

describe('preferredRegion: explicit setting, then the explorer, then the last pick, then the default', () => {
  const all = { explicitSetting: 'ap-south-1', explorerRegions: ['eu-west-3', 'eu-west-1'], lastUsed: 'sa-east-1' };
  test('a default region the user set wins over everything', () =>
    assert.equal(preferredRegion({ ...all, fallback: 'us-east-1' }), 'ap-south-1'));
  test('without it, the first region chosen in the explorer', () =>
    assert.equal(preferredRegion({ ...all, explicitSetting: undefined, fallback: 'us-east-1' }), 'eu-west-3'));
  test('without an explorer choice, the region picked last', () =>
    assert.equal(
      preferredRegion({ ...all, explicitSetting: undefined, explorerRegions: [], fallback: 'us-east-1' }),
      'sa-east-1',
    ));
  test('with nothing chosen anywhere, the built-in default', () =>
    assert.equal(preferredRegion({ fallback: 'us-east-1' }), 'us-east-1'));
  // Near misses: empty values count as nothing chosen, not as a choice.
  test('an empty setting, an empty explorer region and an empty last pick are not choices', () =>
    assert.equal(
      preferredRegion({ explicitSetting: '', explorerRegions: ['', 'eu-central-1'], lastUsed: '', fallback: 'x' }),
      'eu-central-1',
    ));
  test('an explorer list holding no text is skipped', () =>
    assert.equal(
      preferredRegion({ explorerRegions: [42 as unknown as string], lastUsed: 'eu-north-1', fallback: 'x' }),
      'eu-north-1',
    ));
  test('a sources object without a fallback is refused clearly', () =>
    assert.throws(() => preferredRegion({} as never), CoreArgumentError));
});

describe("preferredProfile: the explorer's profile, then the last one picked", () => {
  test("the explorer's named profile, said to come from the explorer", () =>
    assert.deepEqual(preferredProfile({ explorer: { profile: 'dev' }, lastUsed: { kind: 'default' } }), {
      choice: { kind: 'profile', name: 'dev' },
      because: 'explorer',
    }));
  test("the explorer's default chain (no name) is a choice too", () =>
    assert.deepEqual(preferredProfile({ explorer: {}, lastUsed: { kind: 'profile', name: 'old' } }), {
      choice: { kind: 'default' },
      because: 'explorer',
    }));
  test('without an explorer choice, the profile picked last', () =>
    assert.deepEqual(preferredProfile({ lastUsed: { kind: 'profile', name: 'old' } }), {
      choice: { kind: 'profile', name: 'old' },
      because: 'last-used',
    }));
  test('the default chain picked last', () =>
    assert.deepEqual(preferredProfile({ lastUsed: { kind: 'default' } }), {
      choice: { kind: 'default' },
      because: 'last-used',
    }));
  test('nothing chosen anywhere: no preference', () => assert.equal(preferredProfile({}), undefined));
  // Near misses: a remembered value of the wrong shape is no choice.
  test('a last pick without a name, or of an unknown kind, is no choice', () => {
    assert.equal(preferredProfile({ lastUsed: { kind: 'profile', name: '' } }), undefined);
    assert.equal(preferredProfile({ lastUsed: { kind: 'none' } as never }), undefined);
  });
  test('a sources value that is not an object is refused clearly', () =>
    assert.throws(() => preferredProfile(null as never), CoreArgumentError));
});
