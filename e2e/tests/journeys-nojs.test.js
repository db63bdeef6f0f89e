// (e): the same journeys with JavaScript disabled; Folio ships none and needs none.
import { journeySuite } from '../lib/journey-suite.js';

journeySuite({ javaScriptEnabled: false });
