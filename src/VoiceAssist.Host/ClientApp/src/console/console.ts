// The admin console's script: small progressive enhancements over server-rendered pages (every page works without
// it). Each feature looks for its own markup and does nothing where that is absent.
import { startDashboard } from "./dashboard";
import { wireConfirmations } from "./confirm";

wireConfirmations(document);
startDashboard(document);
