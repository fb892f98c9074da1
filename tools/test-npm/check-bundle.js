// The tests' bridge to two npm tools (see package.json):
//   node check-bundle.js cfn TEMPLATE.json  checks a CloudFormation template (as JSON) against CloudFormation's
//                                           resource specification: types, property names, required properties
//                                           and primitive types; prints "ok" or one problem per line (exit 1)
//   node check-bundle.js hcl MAIN.tf        prints the Terraform file as JSON, parsed by HashiCorp's HCL parser
"use strict";
const fs = require("fs");
const [mode, file] = process.argv.slice(2);

function checkCfn(template) {
  const spec = require("@aws-cdk/cfnspec").specification();
  const problems = [];
  for (const [name, resource] of Object.entries(template.Resources || {})) {
    const type = spec.ResourceTypes[resource.Type];
    if (!type) { problems.push(`${name}: unknown resource type ${resource.Type}`); continue; }
    const props = resource.Properties || {};
    for (const [prop, value] of Object.entries(props)) {
      const def = type.Properties[prop];
      if (!def) { problems.push(`${name}: ${resource.Type} has no property ${prop}`); continue; }
      const intrinsic = value !== null && typeof value === "object" && !Array.isArray(value)
        && Object.keys(value).length === 1 && /^(Ref|Fn::)/.test(Object.keys(value)[0]);
      if (def.PrimitiveType === "String" && typeof value !== "string" && !intrinsic)
        problems.push(`${name}.${prop}: must be a string`);
      if (def.PrimitiveType === "Integer" && !Number.isInteger(value) && !intrinsic)
        problems.push(`${name}.${prop}: must be an integer`);
      if (def.Type === "List" && !Array.isArray(value) && !intrinsic && typeof value !== "string")
        problems.push(`${name}.${prop}: must be a list`);
    }
    for (const [prop, def] of Object.entries(type.Properties))
      if (def.Required && !(prop in props)) problems.push(`${name}: ${resource.Type} requires ${prop}`);
  }
  for (const [name, p] of Object.entries(template.Parameters || {}))
    if (!["String", "Number", "CommaDelimitedList", "List<Number>"].includes(p.Type) && !/^AWS::/.test(p.Type))
      problems.push(`parameter ${name}: unknown type ${p.Type}`);
  return problems;
}

if (mode === "cfn") {
  const problems = checkCfn(JSON.parse(fs.readFileSync(file, "utf8")));
  console.log(problems.length ? problems.join("\n") : "ok");
  process.exit(problems.length ? 1 : 0);
} else if (mode === "hcl") {
  require("@cdktf/hcl2json").parse(file, fs.readFileSync(file, "utf8"))
    .then(json => console.log(JSON.stringify(json)))
    .catch(e => { console.error(String(e)); process.exit(1); });
} else {
  console.error("usage: node check-bundle.js cfn TEMPLATE.json | hcl MAIN.tf");
  process.exit(2);
}
