"""Gatehouse's CGI spawner: starts CGI scripts for the JVM, as mod_cgid's cgid daemon does for Apache.

Run by CgiHelperSpawner (its javadoc has the design) as
    python3 -I -S -B cgi_spawner.py SOCKET MAX_STDERR_BYTES
Single-threaded, and doing little per script: read a spawn request, posix_spawn the script (glibc
clones without copying this process, so a spawn costs about what the exec itself costs), forward
the script's standard error, reap it.

  * SOCKET: a Unix socket in a directory only the JVM's user can enter. The JVM connects once per
    script and writes a request: a 4-byte big-endian length, then that many bytes of NUL-separated
    fields: token, executable, working directory, NAME=VALUE environment entries. Exactly those
    bytes are read; everything after them on the connection is the script's standard input, and
    the connection becomes the script's stdin and stdout (fds 0 and 1).
  * The script runs in a new session (so its process group can be killed as a whole), with no
    signal ignored and none blocked, and with fds 0, 1 and 2 only.
  * Standard output of this process carries frames to the JVM, those of one turn of the loop in
    one write: type (1 byte), token (8 bytes), payload length (4 bytes), payload. R ready,
    S spawned (pid), F failed (errno, a space, the message), E standard-error bytes (at most
    MAX_STDERR_BYTES per script; the rest is read and counted), e standard error ended (the count
    of bytes dropped), X exited (pid, a space, then "exit N" or "signal N").
  * Standard input carries commands, one a line: "T PGID" (SIGTERM to the group), "K PGID"
    (SIGKILL to the group). End of input (the JVM closed it, or died) kills the group of every
    script still known, and ends this process.
  * It makes itself the child subreaper, so a script's orphaned children are reaped here too.
"""
import os
import select
import signal
import socket
import struct
import sys

MAX_REQUEST = 4 * 1024 * 1024
LINGERING_CHECK = 256
HEAD = struct.Struct(">cQI")
READ = select.EPOLLIN | select.EPOLLHUP | select.EPOLLERR

OUT = []  # the frames of this turn of the loop, written together by flush()


def send(kind, token, payload=b""):
    OUT.append(HEAD.pack(kind, token, len(payload)))
    if payload:
        OUT.append(payload)


def flush():
    if not OUT:
        return
    view = memoryview(b"".join(OUT))
    OUT.clear()
    while view:
        view = view[os.write(1, view):]


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except PermissionError:
        return True
    except OSError:
        return False


def make_subreaper():
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:  # not Linux, or no ctypes: orphans go to init as usual
        pass


class Spawner:
    def __init__(self, path, max_stderr):
        self.max_stderr = max_stderr
        self.poll = select.epoll()
        self.handlers = {}  # fd -> (method, state)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        self.listener.listen(512)
        self.listener.setblocking(False)
        self.watch(self.listener.fileno(), self.accept, None)
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_r, False)
        os.set_blocking(wake_w, False)
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)
        self.wake = wake_r
        self.watch(wake_r, self.reap, None)
        os.set_blocking(0, False)
        self.watch(0, self.read_control, None)
        self.control = b""
        self.tokens = {}  # pid -> token, for the scripts not reaped yet
        self.lingering = set()  # process groups of reaped scripts that may still have members
        # What this process ignores, an exec would keep ignoring: SIGPIPE and SIGXFSZ (Python's),
        # and whatever came ignored from the JVM. Caught signals are reset by the exec anyway.
        self.ignored = [s for s in signal.valid_signals()
                        if s not in (signal.SIGKILL, signal.SIGSTOP) and signal.getsignal(s) == signal.SIG_IGN]
        self.running = True

    def watch(self, fd, method, state):
        self.handlers[fd] = (method, state)
        self.poll.register(fd, READ)

    def unwatch(self, fd):
        del self.handlers[fd]
        self.poll.unregister(fd)

    def loop(self):
        send(b"R", 0)
        while self.running:
            flush()
            events = self.poll.poll()
            for fd, _ in events:
                handler = self.handlers.get(fd)
                if handler is not None:
                    handler[0](fd, handler[1])
                if not self.running:
                    break
        flush()
        self.shutdown()

    def accept(self, _fd, _state):
        # One connection per readiness: the poll is level-triggered, the next comes next turn.
        try:
            fd, _ = self.listener._accept()
        except (BlockingIOError, InterruptedError):
            return
        # A blocking socket, as the script needs it; reads here use MSG_DONTWAIT instead.
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, 0, fd)
        state = [conn, bytearray(), 4, False]  # socket, bytes so far, bytes wanted, length read
        # The JVM writes its request right after connecting: usually it is here already.
        if not self.read_request(fd, state, False):
            self.watch(fd, self.read_request, state)

    def read_request(self, fd, state, watched=True):
        """Reads what has come of a request; False while it is incomplete."""
        conn, buf = state[0], state[1]
        while True:
            try:
                # Never past the request: what follows is the script's standard input.
                data = conn.recv(state[2] - len(buf), socket.MSG_DONTWAIT)
            except (BlockingIOError, InterruptedError):
                return False
            except OSError:
                data = b""
            if not data:
                break
            buf += data
            if len(buf) < state[2]:
                continue
            if state[3]:
                if watched:
                    self.unwatch(fd)
                self.spawn(conn, bytes(buf))
                return True
            length = int.from_bytes(buf, "big")
            if length <= 0 or length > MAX_REQUEST:
                break
            buf.clear()
            state[2], state[3] = length, True
        if watched:
            self.unwatch(fd)
        conn.close()
        return True

    def spawn(self, conn, request):
        fields = request.split(b"\0")
        token = int(fields[0])
        executable = fields[1]
        env = dict(entry.split(b"=", 1) for entry in fields[3:])
        err_r, err_w = os.pipe()
        fd = conn.fileno()
        try:
            os.chdir(fields[2])
            pid = os.posix_spawn(executable, [executable], env,
                                 file_actions=((os.POSIX_SPAWN_DUP2, fd, 0), (os.POSIX_SPAWN_DUP2, fd, 1),
                                               (os.POSIX_SPAWN_DUP2, err_w, 2)),
                                 setsid=True, setsigdef=self.ignored, setsigmask=())
        except OSError as e:
            code = e.errno or 0
            send(b"F", token, ("%d %s" % (code, os.strerror(code) if code else str(e))).encode("utf-8", "replace"))
            os.close(err_r)
            return
        finally:
            os.close(err_w)
            conn.close()
            os.chdir("/")  # hold no script directory
        self.tokens[pid] = token
        send(b"S", token, b"%d" % pid)
        # Blocking, but read once per readiness: no fcntl per script.
        self.watch(err_r, self.read_stderr, [token, 0, 0])  # token, bytes sent, bytes dropped

    def read_stderr(self, fd, state):
        try:
            data = os.read(fd, 65536)
        except InterruptedError:
            return
        except OSError:
            data = b""
        if not data:
            self.unwatch(fd)
            os.close(fd)
            send(b"e", state[0], b"%d" % state[2])
            return
        room = self.max_stderr - state[1]
        if room > 0:
            chunk = data[:room]
            state[1] += len(chunk)
            send(b"E", state[0], chunk)
        state[2] += max(0, len(data) - max(room, 0))

    def reap(self, _fd, _state):
        try:
            os.read(self.wake, 4096)
        except (BlockingIOError, InterruptedError):
            pass
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            token = self.tokens.pop(pid, None)
            if token is None:
                continue  # an orphaned child of a script, reparented here
            if os.WIFSIGNALED(status):
                how = b"%d signal %d" % (pid, os.WTERMSIG(status))
            else:
                how = b"%d exit %d" % (pid, os.WEXITSTATUS(status))
            send(b"X", token, how)
            self.lingering.add(pid)
        # A group outlives its leader while a child of the script is still in it: remember such
        # groups, so that shutting down kills them too; forget the empty ones now and then.
        if len(self.lingering) > LINGERING_CHECK:
            self.lingering = {pgid for pgid in self.lingering if group_alive(pgid)}

    def read_control(self, _fd, _state):
        try:
            data = os.read(0, 4096)
        except (BlockingIOError, InterruptedError):
            return
        if not data:
            self.running = False
            return
        self.control += data
        while b"\n" in self.control:
            line, _, self.control = self.control.partition(b"\n")
            parts = line.split()
            if len(parts) != 2 or parts[0] not in (b"T", b"K") or not parts[1].isdigit():
                continue
            pgid = int(parts[1])
            if pgid <= 1:
                continue
            try:
                os.killpg(pgid, signal.SIGTERM if parts[0] == b"T" else signal.SIGKILL)
            except OSError:
                pass  # the group is gone already

    def shutdown(self):
        for pgid in list(self.tokens) + list(self.lingering):
            try:
                os.killpg(pgid, signal.SIGKILL)
            except OSError:
                pass
        for pid in list(self.tokens):
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass
        self.listener.close()


def main():
    path, max_stderr = sys.argv[1], int(sys.argv[2])
    make_subreaper()
    Spawner(path, max_stderr).loop()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # the JVM is gone
        os._exit(0)
