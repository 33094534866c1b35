export * from './errors';
export * from './money';
export * from './order-state';
export * from './payment-state';
export * from './pricing';
export * from './api';
export * from './group-buy';
export * from './flash-sale';
