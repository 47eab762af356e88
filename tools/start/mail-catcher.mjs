// The local mail catcher of `npm start`: a real SMTP server on loopback (the `smtp-server`
// package, as the tests' libs/testing smtp-capture) that keeps the last mails in memory, and a
// small HTTP listing of them (GET /mails) that the api's development-only "Local mailbox" reads.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

const KEEP = 200;
const LINK = /https?:\/\/[^\s<>"')]+/g;

export async function startMailCatcher({ smtpPort, httpPort, host = '127.0.0.1' }) {
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]);
  const mails = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const text = parsed.text ?? '';
          mails.unshift({
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text,
            links: (text.match(LINK) ?? []).map((link) => link.replace(/[.,;:!?]+$/, '')),
          });
          mails.length = Math.min(mails.length, KEEP);
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  const http = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/mails') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: mails }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'the mail catcher answers GET /mails only' }),
    );
  });
  const listen = (server, port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server.address().port));
    });
  const boundSmtp = await listen(smtp.server, smtpPort);
  const boundHttp = await listen(http, httpPort).catch(async (error) => {
    await new Promise((resolve) => smtp.close(resolve));
    throw error;
  });
  return {
    smtpUrl: `smtp://${host}:${boundSmtp}`,
    listingUrl: `http://${host}:${boundHttp}`,
    mails,
    close: () =>
      Promise.all([new Promise((resolve) => smtp.close(resolve)), new Promise((resolve) => http.close(resolve))]),
  };
}
