// Railway project as code (npm package `railway`, entry point `railway/iac`).
//
//   railway link                 # once: pick the Railway project and environment
//   railway config plan          # preview the difference with that environment
//   railway config apply         # apply it (asks before anything destructive)
//
// Each module owns its service definition in modules/<name>/mcp/railway.service.ts;
// `mcpops sync` imports it and lists it between the markers below. Edits outside the
// markers are kept. Images are never pushed from a laptop: Railway builds every service
// from GitHub main once CI has passed ("Wait for CI", checkSuites below).
//
// A wired module `billing` adds, between the import markers:
//   import billingService from "../modules/billing/mcp/railway.service.ts";
// and, between the service markers:
//   billingService({ ctx, source }),
import { defineRailway, github, project, type SourceConfig } from "railway/iac";
// mcpops:begin imports
// mcpops:end imports

// The GitHub repository the services build from, as "owner/name". While it is empty,
// services are created without a source; connect the repository in the dashboard.
const githubRepository: string = "";

export default defineRailway((ctx) => {
  const source: SourceConfig | undefined = githubRepository
    ? github(githubRepository, { branch: "main", checkSuites: true })
    : undefined;

  return project("mcp-workspace-name", {
    resources: [
      // mcpops:begin services
      // mcpops:end services
    ],
  });
});
