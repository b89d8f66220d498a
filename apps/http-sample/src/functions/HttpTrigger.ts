import { app } from '@azure/functions';

app.http('HttpTrigger', {
  authLevel: 'anonymous',
  handler: () => ({ body: 'placeholder' }),
});
