import { MemoryCounterStore } from './counter-store.js';
import { describeCounterStore } from './test-support/counter-store-behaviour.js';

describeCounterStore('memory', async () => new MemoryCounterStore());
