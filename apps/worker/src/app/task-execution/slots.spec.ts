import { Slots } from './slots';

describe('Slots', () => {
  it('grants free slots at once and makes others wait for a release, first come first served', async () => {
    const slots = new Slots(1);
    expect(slots.tryAcquire()).toBe(true);
    expect(slots.tryAcquire()).toBe(false);
    const order: string[] = [];
    const first = slots.acquire(1_000).then((granted) => order.push(`first ${granted}`));
    const second = slots.acquire(1_000).then((granted) => order.push(`second ${granted}`));
    slots.release();
    await first;
    slots.release();
    await second;
    expect(order).toEqual(['first true', 'second true']);
  });

  it('gives up after the wait and does not count the waiter any more', async () => {
    const slots = new Slots(1);
    slots.tryAcquire();
    expect(await slots.acquire(20)).toBe(false);
    slots.release();
    expect(slots.tryAcquire()).toBe(true);
  });
});
