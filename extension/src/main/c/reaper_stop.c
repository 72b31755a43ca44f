/*
 * Reaper's stop rung: throws an error asynchronously into another thread with JVMTI StopThread.
 *
 * Why JVMTI from JNI: Thread.stop() throws UnsupportedOperationException from JDK 20 and is gone after
 * JDK 25, but the JVM's own StopThread still works on 17 and 25 from a library loaded at run time
 * (no agent, no attach: GetEnv in the live phase is enough).
 *
 * Built by build.sh against the running JDK's headers. Only JVMTI 1.2 features are used, so a library
 * built with JDK 17 headers works on later JDKs too. The JNI signatures are written by hand (no javac -h).
 */
#include <jni.h>
#include <jvmti.h>
#include <string.h>

/* One jvmtiEnv for the whole JVM. GetEnv creates a new environment on every call, so it is cached;
 * two threads racing on the first call each make one and the loser disposes of its own. */
static jvmtiEnv *volatile cached_jvmti;
/* Whether can_suspend was granted; needed only for virtual threads (see stop0). */
static volatile int have_suspend;

static jint acquire(JNIEnv *jni, jvmtiEnv **out) {
    jvmtiEnv *jvmti = __atomic_load_n(&cached_jvmti, __ATOMIC_ACQUIRE);
    if (jvmti != NULL) {
        *out = jvmti;
        return JVMTI_ERROR_NONE;
    }

    JavaVM *vm = NULL;
    if ((*jni)->GetJavaVM(jni, &vm) != JNI_OK) {
        return JNI_ERR;
    }
    jint rc = (*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_1_2);
    if (rc != JNI_OK) {
        return rc < 0 ? rc : JNI_ERR;
    }

    /* can_signal_thread is what StopThread needs. can_suspend is optional: it only lets us stop a
     * running virtual thread (JDK 21+), which StopThread refuses unless the thread is suspended. Ask
     * for it only if the VM can give it, so that its absence never costs us StopThread itself. */
    jvmtiCapabilities potential;
    memset(&potential, 0, sizeof potential);
    jvmtiError err = (*jvmti)->GetPotentialCapabilities(jvmti, &potential);
    if (err != JVMTI_ERROR_NONE) {
        (*jvmti)->DisposeEnvironment(jvmti);
        return err;
    }
    if (!potential.can_signal_thread) {
        (*jvmti)->DisposeEnvironment(jvmti);
        return JVMTI_ERROR_MUST_POSSESS_CAPABILITY;
    }
    jvmtiCapabilities wanted;
    memset(&wanted, 0, sizeof wanted);
    wanted.can_signal_thread = 1;
    wanted.can_suspend = potential.can_suspend;
    err = (*jvmti)->AddCapabilities(jvmti, &wanted);
    if (err != JVMTI_ERROR_NONE && wanted.can_suspend) {
        /* Another environment may hold an exclusive capability set; retry with the one we need. */
        wanted.can_suspend = 0;
        err = (*jvmti)->AddCapabilities(jvmti, &wanted);
    }
    if (err != JVMTI_ERROR_NONE) {
        (*jvmti)->DisposeEnvironment(jvmti);
        return err;
    }
    /* Published before the environment, so whoever sees the environment sees this too. Racers ask
     * the same VM for the same thing, so they store the same value. */
    __atomic_store_n(&have_suspend, (int) wanted.can_suspend, __ATOMIC_RELEASE);

    jvmtiEnv *expected = NULL;
    if (!__atomic_compare_exchange_n(&cached_jvmti, &expected, jvmti, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        /* Lost the race: use the winner's environment, drop ours. */
        (*jvmti)->DisposeEnvironment(jvmti);
        jvmti = expected;
    }
    *out = jvmti;
    return JVMTI_ERROR_NONE;
}

/*
 * Gets the JVMTI environment and its capabilities. Returns 0 on success, a negative JNI code when
 * GetEnv failed, or a positive jvmtiError when the capabilities were refused.
 */
JNIEXPORT jint JNICALL
Java_dev_reaper_internal_ladder_JvmtiThreadStopper_init0(JNIEnv *jni, jclass clazz) {
    (void) clazz;
    jvmtiEnv *jvmti;
    return acquire(jni, &jvmti);
}

/* 1 when can_suspend was granted (virtual threads can be stopped while mounted), else 0. */
JNIEXPORT jboolean JNICALL
Java_dev_reaper_internal_ladder_JvmtiThreadStopper_canSuspend0(JNIEnv *jni, jclass clazz) {
    (void) jni;
    (void) clazz;
    return __atomic_load_n(&have_suspend, __ATOMIC_ACQUIRE) ? JNI_TRUE : JNI_FALSE;
}

/*
 * Makes `error` pending in `thread`. Returns the jvmtiError (0 = accepted), or what init0 would return
 * if the environment could not be had. The caller checks that thread and error are non-null and that
 * thread is not the calling thread.
 */
JNIEXPORT jint JNICALL
Java_dev_reaper_internal_ladder_JvmtiThreadStopper_stop0(JNIEnv *jni, jclass clazz, jthread thread, jobject error) {
    (void) clazz;
    jvmtiEnv *jvmti;
    jint rc = acquire(jni, &jvmti);
    if (rc != JVMTI_ERROR_NONE) {
        return rc;
    }
    jvmtiError err = (*jvmti)->StopThread(jvmti, thread, error);
    if (err != JVMTI_ERROR_THREAD_NOT_SUSPENDED || !__atomic_load_n(&have_suspend, __ATOMIC_ACQUIRE)) {
        return err;
    }
    /* JDK 21+: StopThread only accepts a virtual thread that is suspended (or current). Suspend it,
     * stop it, let it go: the exception is thrown as soon as it runs again. An unmounted virtual thread
     * (sleeping, parked) answers OPAQUE_FRAME here and cannot be stopped this way. Resume only what we
     * suspended ourselves: a thread already suspended by a debugger stays suspended. */
    jvmtiError suspended = (*jvmti)->SuspendThread(jvmti, thread);
    if (suspended != JVMTI_ERROR_NONE && suspended != JVMTI_ERROR_THREAD_SUSPENDED) {
        return suspended == JVMTI_ERROR_THREAD_NOT_ALIVE ? suspended : err;
    }
    err = (*jvmti)->StopThread(jvmti, thread, error);
    if (suspended == JVMTI_ERROR_NONE) {
        (*jvmti)->ResumeThread(jvmti, thread);
    }
    return err;
}
