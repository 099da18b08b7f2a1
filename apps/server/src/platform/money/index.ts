export { formatMoney, type Money, mul, parseMoney, round, sum } from './decimal-money.js';
