import { bootstrapApp } from '@app/platform';
import { setUpSeverityApiDocs } from './api-docs/severity-api-docs';
import { CREATE_SUPERUSER, runCreateSuperuser } from './auth/cli/create-superuser';
import { SeverityPipelineConfig } from './severity-pipeline.config';
import { SeverityPipelineModule } from './severity-pipeline.module';

// `main.js createsuperuser --username ...` creates a user instead (the seed's manage.py
// command), so the built app and its container image carry it too.
if (process.argv[2] === CREATE_SUPERUSER) {
  void runCreateSuperuser(process.argv.slice(3));
} else {
  void bootstrapApp({
    name: 'severity-pipeline',
    module: SeverityPipelineModule,
    config: SeverityPipelineConfig,
    beforeListen: async (app, config) => {
      // A worker serves no API: nothing to document.
      if (config.ROLE !== 'worker') setUpSeverityApiDocs(app);
    },
  });
}
