// dockerode bundles gRPC and protobuf for BuildKit: sessions (buildImage with version '2') and
// BuildKit's progress (docker.followProgress), which lab never asks for (it builds with the classic
// builder and follows progress with docker.modem.followProgress). The bundle takes this in their
// place, so that every docker command does not load them: a third of what `lab` loads for docker.
const unused = () => {
  throw new Error('lab bundles no BuildKit session support (dockerode buildImage version 2)');
};
module.exports = { Server: unused, ServerCredentials: { createInsecure: unused }, credentials: {}, loadPackageDefinition: unused, loadSync: unused };
