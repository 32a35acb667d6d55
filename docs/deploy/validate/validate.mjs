// Validates every Kubernetes object in the given folder against the schema of its kind, from
// the Kubernetes OpenAPI definitions packaged by kubernetes-models. Exits non-zero on the first
// invalid object, an unknown kind, or a file that is not YAML.
//   npm ci && node validate.mjs ../kubernetes
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const folder = process.argv[2] ?? "../kubernetes";
const modules = {
  "v1/ConfigMap": ["kubernetes-models/v1", "ConfigMap"],
  "v1/Secret": ["kubernetes-models/v1", "Secret"],
  "v1/Service": ["kubernetes-models/v1", "Service"],
  "apps/v1/Deployment": ["kubernetes-models/apps/v1", "Deployment"],
  "policy/v1/PodDisruptionBudget": ["kubernetes-models/policy/v1", "PodDisruptionBudget"],
};

let checked = 0;
for (const file of readdirSync(folder).filter((name) => name.endsWith(".yaml")).sort()) {
  if (file === "kustomization.yaml") {
    continue;
  }
  for (const document of parseAllDocuments(readFileSync(join(folder, file), "utf8"))) {
    if (document.errors.length > 0) {
      throw new Error(`${file}: ${document.errors[0].message}`);
    }
    const object = document.toJSON();
    const key = `${object.apiVersion}/${object.kind}`;
    const known = modules[key];
    if (!known) {
      throw new Error(`${file}: no schema known for ${key}`);
    }
    const Model = (await import(known[0]))[known[1]];
    try {
      new Model(object).validate();
    } catch (invalid) {
      console.error(`${file}: ${key} ${object.metadata?.name} is invalid`);
      console.error(JSON.stringify(invalid.errors ?? invalid.message, null, 2));
      process.exit(1);
    }
    console.log(`valid: ${file} ${key} ${object.metadata.name}`);
    checked++;
  }
}
console.log(`${checked} objects valid`);
