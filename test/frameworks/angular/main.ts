// The Angular app's entry, compiled ahead of time by ngc and built by Vite in CI
// (`npm run test:types`). Angular 21 needs no zone.js.
import {bootstrapApplication} from '@angular/platform-browser';
import {AppComponent} from './app.component';

bootstrapApplication(AppComponent).catch((error: unknown) => console.error(error));
