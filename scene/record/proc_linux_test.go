package record

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// childEnv tells the test binary, started again by TestFFmpegDiesWithRecorder,
// to be the recording program: the directory for its files.
const childEnv = "DESCENT_RECORD_TEST_CHILD"

// TestFFmpegDiesWithRecorder: when the recording program is killed outright
// (SIGKILL, no chance to clean up), the kernel kills its ffmpeg too. The
// program runs in a child process (this test binary, started again), which
// reports that its recording has started by writing a marker file.
func TestFFmpegDiesWithRecorder(t *testing.T) {
	if dir := os.Getenv(childEnv); dir != "" {
		w, err := Create(join(dir, "out.mp4"), Options{Width: 32, Height: 32})
		if err != nil {
			os.WriteFile(join(dir, "child-failed"), []byte(err.Error()), 0o644)
			return
		}
		w.WriteFrame(testFrame(32, 32, 0))
		os.WriteFile(join(dir, "child-recording"), nil, 0o644)
		select {} // until killed
	}
	state := t.TempDir()
	pidFile := join(state, "pid")
	fakeFFmpeg(t, pidFile, join(state, "done"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestFFmpegDiesWithRecorder$")
	cmd.Env = append(os.Environ(), childEnv+"="+state)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	defer func() { cmd.Process.Kill(); <-exited }()
	waitUntil(t, func() bool {
		if b, err := os.ReadFile(join(state, "child-failed")); err == nil {
			t.Fatalf("the child could not record: %s", b)
		}
		_, err1 := os.Stat(join(state, "child-recording"))
		_, err2 := os.Stat(pidFile)
		return err1 == nil && err2 == nil
	}, "the child to start recording")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("pid file %q: %v", b, err)
	}
	if !running(pid) {
		t.Fatalf("ffmpeg (pid %d) is not running while the child records", pid)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	waitUntil(t, func() bool { return !running(pid) }, "ffmpeg to die with the recording program")
}

// running reports whether process pid exists and is not a zombie.
func running(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the command name in parentheses: "pid (comm) S ...".
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}
