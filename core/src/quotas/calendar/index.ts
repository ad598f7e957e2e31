export { QuotaCalendar, type CalendarDocument } from './quota-calendar.js';
