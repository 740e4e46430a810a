import type { IDataObject, IExecuteFunctions, IExecuteSingleFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { parameterReader } from '../../nodes/Imiconnect/pipeline/parameters';

/** A stand-in for n8n's context: its node's raw parameters, and an evaluator that records each call. */
function fakeContext(raw: INodeParameters, evaluate: (name: string, itemIndex: number) => unknown = (name, index) => `n8n:${name}#${index}`) {
	const calls: unknown[][] = [];
	const ctx = {
		getNode: () => ({ parameters: raw }),
		getNodeParameter: (...args: unknown[]) => {
			calls.push(args);
			return evaluate(args[0] as string, typeof args[1] === 'number' ? args[1] : -1);
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, single: ctx as unknown as IExecuteSingleFunctions, calls };
}

const items = (...json: IDataObject[]): INodeExecutionData[] => json.map((j) => ({ json: j }));

describe('parameterReader', () => {
	it('takes the default `={{ $json.customerId }}` straight from each item, without asking n8n', () => {
		const { ctx, calls } = fakeContext({ customerId: '={{ $json.customerId }}' });
		const readerFor = parameterReader(ctx, items({ customerId: 'a' }, { customerId: 7 }, { other: 1 }));
		expect([0, 1, 2].map((index) => readerFor(index)('customerId'))).toEqual(['a', 7, undefined]);
		expect(calls).toEqual([]);
	});

	it('follows plain paths: dots, ["quoted"] and [\'quoted\'] keys, spaces inside the braces', () => {
		const raw = {
			a: '={{ $json.profile.id }}',
			b: '={{$json["customer id"]}}',
			c: "={{  $json['x']['y z'].$k  }}",
		};
		const { ctx, calls } = fakeContext(raw);
		const read = parameterReader(ctx, items({ profile: { id: 'p1' }, 'customer id': 'c1', x: { 'y z': { $k: 'deep' } } }))(0);
		expect([read('a'), read('b'), read('c')]).toEqual(['p1', 'c1', 'deep']);
		expect(calls).toEqual([]);
	});

	it('asks n8n where the path steps through nothing, or through a value that is not an object', () => {
		const { ctx, calls } = fakeContext({ id: '={{ $json.a.b }}' });
		const readerFor = parameterReader(ctx, items({}, { a: null }, { a: 'text' }, { a: {} }));
		expect([0, 1, 2, 3].map((index) => readerFor(index)('id'))).toEqual(['n8n:id#0', 'n8n:id#1', 'n8n:id#2', undefined]);
		expect(calls).toEqual([
			['id', 0, undefined],
			['id', 1, undefined],
			['id', 2, undefined],
		]);
	});

	it('does not read inherited properties as the item’s own', () => {
		const { ctx, calls } = fakeContext({ id: '={{ $json.constructor }}' });
		expect(parameterReader(ctx, items({}))(0)('id')).toBeUndefined();
		expect(calls).toEqual([]);
	});

	it('asks n8n for every item where the expression is more than a path', () => {
		const { ctx, calls } = fakeContext({ id: '={{ $json.customerId + "-x" }}', other: '={{ $json.a.b || 1 }}' });
		const readerFor = parameterReader(ctx, items({ customerId: 'a' }, { customerId: 'b' }));
		expect([readerFor(0)('id'), readerFor(1)('id'), readerFor(1)('other')]).toEqual(['n8n:id#0', 'n8n:id#1', 'n8n:other#1']);
		expect(calls.length).toBe(3);
	});

	it('reads a parameter without expressions once per run', () => {
		const { ctx, calls } = fakeContext({ options: { batchSize: 10 }, appId: 'a_1' }, (name) => (name === 'options' ? { batchSize: 10 } : 'a_1'));
		const readerFor = parameterReader(ctx, items({}, {}, {}));
		for (const index of [0, 1, 2]) {
			expect(readerFor(index)('options', {})).toEqual({ batchSize: 10 });
			expect(readerFor(index)('appId')).toBe('a_1');
		}
		expect(calls).toEqual([
			['options', 0, {}],
			['appId', 0, undefined],
		]);
	});

	it('asks n8n for every item where an expression hides inside a collection or a list', () => {
		const { ctx, calls } = fakeContext({ options: { timeout: '={{ 1000 }}' }, list: ['a', '={{ 1 }}'] });
		const readerFor = parameterReader(ctx, items({}, {}));
		readerFor(0)('options');
		readerFor(1)('options');
		readerFor(0)('list');
		readerFor(1)('list');
		expect(calls.map((call) => call.slice(0, 2))).toEqual([
			['options', 0],
			['options', 1],
			['list', 0],
			['list', 1],
		]);
	});

	it('asks n8n every time for a parameter the node does not hold (its default), with the fallback', () => {
		const { ctx, calls } = fakeContext({});
		const readerFor = parameterReader(ctx, items({}, {}));
		readerFor(0)('simplify', true);
		readerFor(1)('simplify', true);
		expect(calls).toEqual([
			['simplify', 0, true],
			['simplify', 1, true],
		]);
	});

	it("in n8n's routing (one item at a time) reads the item it is given and asks n8n without an index", () => {
		const { single, calls } = fakeContext({ customerId: '={{ $json.customerId }}', id: '={{ $json.a.b }}' });
		const read = parameterReader(single, items({ customerId: 'only' }), 4)(4);
		expect(read('customerId')).toBe('only');
		expect(read('id', 'fallback')).toBe('n8n:id#-1');
		expect(calls).toEqual([['id', 'fallback']]);
	});
});
