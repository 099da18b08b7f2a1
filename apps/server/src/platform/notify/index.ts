export { createNotifications, type Notifications } from './notifications.js';
export { startWakeLoop, type WakeLoop, type WakeLoopOptions } from './wake-loop.js';
