/** A Docker engine's address as DOCKER_HOST takes it (kept apart from the schema so runtimes load no zod). */
export const ENGINE_URL = /^(unix:\/\/\/\S+|tcp:\/\/[\w.-]+:\d+|ssh:\/\/([\w.-]+@)?[\w.-]+(:\d+)?)$/;

export const ENGINE_URL_HINT = 'a Docker engine address as DOCKER_HOST takes it: unix:///var/run/docker.sock, tcp://HOST:2376 or ssh://USER@HOST';
