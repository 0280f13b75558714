import { buildErrorAlertMail, type ErrorAlertEvent } from './error-alert.mail';

const event: ErrorAlertEvent = {
  id: '5f0c6f7e-2f59-4d8a-9c1e-2b7a41c0d9e3',
  title: 'Payment gateway timeout',
  message: 'POST /charge took 30 s and was cancelled',
  source: 'billing',
  createdAt: new Date('2026-11-23T10:15:30.250Z'),
};

describe('buildErrorAlertMail', () => {
  it('names the event in the subject: its title and source', () => {
    expect(buildErrorAlertMail(event).subject).toBe(
      '[severity-pipeline] ERROR: Payment gateway timeout (billing)',
    );
  });

  it('gives title, source, time, id and message in the text', () => {
    expect(buildErrorAlertMail(event).text).toBe(
      [
        'An error event was recorded by severity-pipeline.',
        '',
        'Title:    Payment gateway timeout',
        'Source:   billing',
        'Created:  2026-11-23T10:15:30.250Z',
        'Event id: 5f0c6f7e-2f59-4d8a-9c1e-2b7a41c0d9e3',
        '',
        'Message:',
        '  POST /charge took 30 s and was cancelled',
        '',
        'Look it up with GET /api/events/5f0c6f7e-2f59-4d8a-9c1e-2b7a41c0d9e3',
        '',
      ].join('\n'),
    );
  });

  it('takes the time as an ISO string, as it comes out of a JSON job', () => {
    const { text } = buildErrorAlertMail({ ...event, createdAt: '2026-11-23T10:15:30.250Z' });
    expect(text).toContain('Created:  2026-11-23T10:15:30.250Z');
  });

  it('shows a time it cannot read as it was given rather than failing the alert', () => {
    const { text } = buildErrorAlertMail({ ...event, createdAt: 'yesterday' });
    expect(text).toContain('Created:  yesterday');
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const { subject } = buildErrorAlertMail({ ...event, title: 'Disk full\r\nBcc: x@evil.test' });
    expect(subject).toBe('[severity-pipeline] ERROR: Disk full Bcc: x@evil.test (billing)');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('cuts a long title in the subject but keeps it whole in the text', () => {
    const title = 'x'.repeat(200);
    const { subject, text } = buildErrorAlertMail({ ...event, title });
    expect(subject).toContain(`ERROR: ${'x'.repeat(119)}… (billing)`);
    expect(text).toContain(`Title:    ${title}`);
  });

  it('indents every line of a multi-line message (a stack trace)', () => {
    const message = 'TypeError: boom\r\n    at charge (billing.js:10)\n\nretry later';
    const { text } = buildErrorAlertMail({ ...event, message });
    expect(text).toContain(
      'Message:\n  TypeError: boom\n      at charge (billing.js:10)\n\n  retry later\n',
    );
  });

  it('says when the message is empty', () => {
    expect(buildErrorAlertMail({ ...event, message: '' }).text).toContain('Message:\n  (empty)\n');
  });
});
